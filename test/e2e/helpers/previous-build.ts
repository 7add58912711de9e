/**
 * Builds of earlier commits, for upgrade tests: the commit's tree is exported with `git archive` (no checkout, no
 * worktree: the repository is left as it is), given this checkout's node_modules through a symlink, and built
 * with its own `wxt build`. Each build is cached under the system temp dir by commit id, so only the first run
 * pays for it (about 3 s each here).
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../fixture-server';

const run = promisify(execFile);

/** Where cached builds live: `<tmp>/efficiency-lens-prev-builds/<commit>/chrome-mv3`. */
export const PREVIOUS_BUILDS_DIR = path.join(os.tmpdir(), 'efficiency-lens-prev-builds');

/** The unpacked Chrome MV3 build of `commit` (a full 40-hex id), building it on first use. */
export async function previousBuild(commit: string): Promise<string> {
  if (!/^[0-9a-f]{40}$/.test(commit))
    throw new Error(`previousBuild: give a full commit id, not "${commit}"`);
  const cached = path.join(PREVIOUS_BUILDS_DIR, commit, 'chrome-mv3');
  if (existsSync(path.join(cached, 'manifest.json'))) return cached;
  const present = () =>
    run('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT }).then(
      () => true,
      () => false,
    );
  if (!(await present())) {
    // A shallow checkout (as some CI systems make) lacks the old commits: try to fetch them from where the
    // clone came from before giving up.
    await run('git', ['fetch', '--quiet', '--unshallow'], { cwd: REPO_ROOT, timeout: 120_000 }).catch(
      () => {},
    );
    if (!(await present())) {
      throw new Error(
        `commit ${commit} is not in this clone (a shallow CI checkout?) and could not be fetched: run \`git fetch --unshallow\` to run the upgrade tests`,
      );
    }
  }
  mkdirSync(PREVIOUS_BUILDS_DIR, { recursive: true });
  const src = mkdtempSync(path.join(PREVIOUS_BUILDS_DIR, `src-${commit.slice(0, 7)}-`));
  try {
    await run('sh', ['-c', `git archive ${commit} | tar -x -C "${src}"`], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(src, 'node_modules'));
    // Older trees ignore EL_OUT_DIR and newer ones honour it: unset, every tree writes <src>/.output.
    const env = { ...process.env };
    delete env.EL_OUT_DIR;
    try {
      await run(path.join(src, 'node_modules/.bin/wxt'), ['build'], {
        cwd: src,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (err) {
      const e = err as Error & { stdout?: string; stderr?: string };
      const plain = `${e.stdout ?? ''}\n${e.stderr ?? e.message}`.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
      throw new Error(`\`wxt build\` of ${commit} failed:\n${plain.slice(-4000)}`);
    }
    const built = path.join(src, '.output/chrome-mv3');
    if (!existsSync(path.join(built, 'manifest.json')))
      throw new Error(`the build of ${commit} wrote no manifest`);
    // Built elsewhere, then moved into place: a run interrupted halfway never leaves a cache entry behind.
    const staging = `${cached}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(path.dirname(cached), { recursive: true });
    cpSync(built, staging, { recursive: true });
    renameSync(staging, cached);
    return cached;
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}

/**
 * Replaces the contents of `installDir` with a copy of `buildDir`. Chromium derives an unpacked extension's id from
 * its directory path, so a build copied to the same path is the same extension with the same storage: an update.
 * `version` rewrites the copy's manifest version (every build so far says 0.1.0; an old build is installed as a
 * lower version, as a store update would always find it).
 */
export function installInto(installDir: string, buildDir: string, options: { version?: string } = {}): void {
  rmSync(installDir, { recursive: true, force: true });
  cpSync(buildDir, installDir, { recursive: true });
  if (options.version !== undefined) {
    const file = path.join(installDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    manifest.version = options.version;
    writeFileSync(file, JSON.stringify(manifest));
  }
}

/**
 * Drops the profile's service-worker registrations (`Default/Service Worker`), leaving IndexedDB and
 * chrome.storage alone. Why: Chromium 156 keeps running the worker script it registered for a command-line
 * (`--load-extension`) extension when the directory comes back with a new build, even with a higher version:
 * the profile's Preferences still said `service_worker_registration_info: {version: "0.0.1"}` and the old worker
 * answered `Unknown message type "listSnapshots"` (checked while writing upgrade.e2e.ts). A store or
 * "Load unpacked" update registers the new worker; removing the stale registration does the same here.
 */
export function forgetServiceWorkers(userDataDir: string): void {
  rmSync(path.join(userDataDir, 'Default', 'Service Worker'), { recursive: true, force: true });
}
