/**
 * Building and checking the extension the real-browser tests load (`.output/chrome-mv3`).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './fixture-server';

/** The unpacked Chrome MV3 build `wxt build` writes. */
export const BUILD_OUTPUT_DIR = path.join(
  path.resolve(REPO_ROOT, process.env.EL_OUT_DIR ?? '.output'),
  'chrome-mv3',
);

/** The extension the tests load: the build output, or a build named by `E2E_EXTENSION_DIR` (tested as it is). */
export const EXTENSION_DIR = process.env.E2E_EXTENSION_DIR
  ? path.resolve(process.env.E2E_EXTENSION_DIR)
  : BUILD_OUTPUT_DIR;

/** Files and folders whose changes change the build (tests excluded: they are not bundled). */
export const BUILD_INPUTS = [
  'entrypoints',
  'components',
  'lib',
  'data',
  'public',
  'assets',
  'wxt.config.ts',
  'package.json',
  'tsconfig.json',
];

const TEST_FILE = /\.(test|spec|e2e)\.[cm]?[jt]sx?$/;

/** The parts of a built manifest.json the harness reads. */
export interface BuiltManifest {
  name: string;
  version: string;
  manifest_version: number;
  background?: { service_worker?: string };
}

/** Reads `<dir>/manifest.json`; throws a message that says how to build it when it is missing or broken. */
export function readBuiltManifest(extensionDir: string = EXTENSION_DIR): BuiltManifest {
  const file = path.join(extensionDir, 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(
      `No built extension at ${extensionDir} (manifest.json missing). Run \`npm run build\` first.`,
    );
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}). Rebuild with \`npm run build\`.`);
  }
  const m = manifest as Partial<BuiltManifest>;
  if (m.manifest_version !== 3 || typeof m.name !== 'string' || typeof m.version !== 'string') {
    throw new Error(
      `${file} is not an MV3 manifest with a name and version. Rebuild with \`npm run build\`.`,
    );
  }
  return m as BuiltManifest;
}

/** Newest modification time (ms) among the build inputs under `root`, skipping tests and node_modules. */
export function newestInputMtime(root: string = REPO_ROOT, inputs: readonly string[] = BUILD_INPUTS): number {
  let newest = 0;
  const visit = (p: string): void => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(p, name));
      }
    } else if (!TEST_FILE.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const input of inputs) visit(path.join(root, input));
  return newest;
}

/** Throws when the build is missing or older than a source file (used when the build step is skipped). */
export function assertBuildFresh(extensionDir: string = EXTENSION_DIR, root: string = REPO_ROOT): void {
  readBuiltManifest(extensionDir);
  const builtAt = statSync(path.join(extensionDir, 'manifest.json')).mtimeMs;
  const newest = newestInputMtime(root);
  if (newest > builtAt) {
    throw new Error(
      `The build in ${extensionDir} is older than the sources (built ${new Date(builtAt).toISOString()}, ` +
        `newest source ${new Date(newest).toISOString()}). Run \`npm run build\`, or unset E2E_SKIP_BUILD.`,
    );
  }
}

/** Runs `wxt build` (Chrome MV3) once; rejects with WXT's output when it fails. */
export async function buildExtension(root: string = REPO_ROOT): Promise<void> {
  const wxt = path.join(root, 'node_modules/.bin/wxt');
  try {
    await promisify(execFile)(wxt, ['build'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    // WXT colours its output and redraws a spinner; keep only the text.
    const plain = `${e.stdout ?? ''}\n${e.stderr ?? e.message}`.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    throw new Error(`\`wxt build\` failed:\n${plain}`);
  }
  readBuiltManifest(path.join(path.resolve(root, process.env.EL_OUT_DIR ?? '.output'), 'chrome-mv3'));
}
