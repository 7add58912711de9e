/**
 * The store packages (issue #6): `wxt zip` (Chrome) and `wxt zip -b firefox` (Firefox, plus the sources zip
 * its reviewers ask for), built into a temporary directory so the build the other e2e files load is untouched.
 * Checks what a store review would: a manifest, an icon at every size (real PNGs of that size), no source maps,
 * no tests or fixtures, no keys, and sizes within budget. `E2E_PACKAGES_DIR=<dir>` checks zips already made
 * there instead of building them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './fixture-server';

const ICON_SIZES = [16, 32, 48, 96, 128];
/** Compressed size budget of each browser package (the dataset is most of it). */
const PACKAGE_BUDGET = 1024 * 1024;
/** Unpacked size budget. */
const UNPACKED_BUDGET = 5 * 1024 * 1024;

interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}

/** The entries of a zip file (central directory; stored and deflated entries), enough for these checks. */
function readZip(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      size,
      read() {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        return method === 0 ? Buffer.from(data) : inflateRawSync(data);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Width and height from a PNG's IHDR; null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || bytes.toString('latin1', 1, 4) !== 'PNG') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let dir = process.env.E2E_PACKAGES_DIR ?? '';
let made = false;

beforeAll(async () => {
  if (dir) return;
  dir = mkdtempSync(path.join(tmpdir(), 'el-packages-'));
  made = true;
  const wxt = path.join(REPO_ROOT, 'node_modules/.bin/wxt');
  const env = { ...process.env, EL_OUT_DIR: dir };
  for (const args of [['zip'], ['zip', '-b', 'firefox']]) {
    await promisify(execFile)(wxt, args, { cwd: REPO_ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  }
}, 300_000);
afterAll(() => {
  if (made) rmSync(dir, { recursive: true, force: true });
});

function zipNamed(suffix: string): string {
  const found = readdirSync(dir).filter((f) => f.endsWith(`-${suffix}.zip`));
  expect(found, `one *-${suffix}.zip in ${dir}`).toHaveLength(1);
  return path.join(dir, found[0]!);
}

const FORBIDDEN_IN_PACKAGE = [
  /\.map$/, // source maps
  /(?:^|\/)(?:test|tests|__tests__|__fixtures__|__golden__|fixtures|e2e)\//,
  /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/,
  /\.(?:pem|key|crt|p12)$/,
  /(?:^|\/)\.env/,
  /\.(?:ts|tsx)$/,
];

describe.each(['chrome', 'firefox'])('%s package', (browser) => {
  let entries: ZipEntry[] = [];
  let file = '';
  beforeAll(() => {
    file = zipNamed(browser);
    entries = readZip(file);
  });

  it('has a manifest naming this extension, with an icon at every size', () => {
    const manifest = JSON.parse(
      entries
        .find((e) => e.name === 'manifest.json')!
        .read()
        .toString('utf8'),
    );
    expect(manifest.name).toBe('Efficiency Lens');
    expect(manifest.description.length).toBeLessThanOrEqual(132); // Chrome Web Store's limit
    expect(manifest.manifest_version).toBe(browser === 'chrome' ? 3 : 2);
    if (browser === 'firefox') expect(manifest.browser_specific_settings?.gecko?.id).toBeTypeOf('string');
    expect(Object.keys(manifest.icons ?? {}).map(Number)).toEqual(ICON_SIZES);
    for (const size of ICON_SIZES) {
      const icon = entries.find((e) => e.name === manifest.icons[String(size)]);
      expect(icon, `icon ${size}`).toBeDefined();
      expect(pngSize(icon!.read()), `icon ${size}`).toEqual({ width: size, height: size });
    }
  });

  it('holds no source maps, tests, fixtures, TypeScript sources or keys', () => {
    const names = entries.map((e) => e.name);
    expect(names.filter((n) => FORBIDDEN_IN_PACKAGE.some((p) => p.test(n)))).toEqual([]);
    for (const entry of entries.filter((e) => /\.js$/.test(e.name))) {
      expect(entry.read().toString('utf8'), entry.name).not.toMatch(/\/\/# sourceMappingURL=/);
    }
  });

  it(`is at most ${PACKAGE_BUDGET / 1024} KB zipped and ${UNPACKED_BUDGET / 1024 / 1024} MB unpacked`, () => {
    expect(statSync(file).size).toBeLessThanOrEqual(PACKAGE_BUDGET);
    expect(entries.reduce((sum, e) => sum + e.size, 0)).toBeLessThanOrEqual(UNPACKED_BUDGET);
  });
});

describe('sources package (for Firefox reviewers)', () => {
  let names: string[] = [];
  beforeAll(() => {
    names = readZip(zipNamed('sources')).map((e) => e.name);
  });

  it('holds what a reviewer needs to rebuild the Firefox package', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'data/papers.json',
    ]) {
      expect(names, needed).toContain(needed);
    }
    for (const folder of ['entrypoints/', 'lib/', 'components/', 'public/icon/']) {
      expect(
        names.some((n) => n.startsWith(folder)),
        folder,
      ).toBe(true);
    }
  });

  it('leaves out dependencies, build output, keys and test fixtures', () => {
    const unwanted = names.filter(
      (n) =>
        /^(?:node_modules|\.output|\.wxt|\.git)\//.test(n) ||
        /\.(?:pem|key|p12)$/.test(n) ||
        /^test\/(?:fixtures|e2e\/certs)\//.test(n),
    );
    expect(unwanted).toEqual([]);
  });
});

describe('store listing', () => {
  const listing = readFileSync(path.join(REPO_ROOT, 'store/listing.md'), 'utf8');

  it('points only at screenshots that exist', () => {
    const shots = [...listing.matchAll(/\((\.\.\/docs\/screenshots\/[^)]+\.png)\)/g)].map((m) => m[1]!);
    expect(shots.length).toBeGreaterThanOrEqual(3);
    for (const shot of shots) expect(existsSync(path.resolve(REPO_ROOT, 'store', shot)), shot).toBe(true);
  });

  it('justifies every permission the Chrome manifest asks for', () => {
    const manifest = JSON.parse(
      readZip(zipNamed('chrome'))
        .find((e) => e.name === 'manifest.json')!
        .read()
        .toString('utf8'),
    );
    for (const permission of [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])]) {
      expect(listing, permission).toContain(`\`${permission}\``);
    }
  });
});
