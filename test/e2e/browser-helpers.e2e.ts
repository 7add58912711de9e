/**
 * The pure parts of the browser harness (no browser started): the request guard, the resolver rules, extension ids,
 * and the build checks that keep a missing or stale build from being tested.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extensionIdFromUrl, hostResolverRules, isAllowedRequestUrl } from './browser';
import { assertBuildFresh, newestInputMtime, readBuiltManifest } from './build';
import { FIXTURE_HOSTS } from './fixture-server';

describe('isAllowedRequestUrl', () => {
  it.each([
    'https://arxiv.org/abs/2106.09685',
    'https://export.arxiv.org/api/query?id_list=2106.09685',
    'https://openreview.net/forum?id=OUIFPHEgJU',
    'https://ARXIV.ORG/abs/1',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
    'data:text/plain,hi',
    'blob:https://arxiv.org/5a7c',
    'about:blank',
  ])('allows %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'http://arxiv.org/abs/2106.09685',
    'https://arxiv.org:8443/abs/2106.09685',
    'https://evil.arxiv.org/abs/1',
    'https://arxiv.org.evil.example/abs/1',
    'https://example.com/',
    'https://fonts.googleapis.com/css',
    'wss://arxiv.org/socket',
    'ftp://arxiv.org/x',
    'not a url',
    '',
  ])('flags %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('hostResolverRules', () => {
  it('maps every fixture host to the port, then sends everything else nowhere', () => {
    const rules = hostResolverRules(4443).split(', ');
    expect(rules.slice(0, FIXTURE_HOSTS.length)).toEqual(FIXTURE_HOSTS.map((h) => `MAP ${h} 127.0.0.1:4443`));
    expect(rules.slice(FIXTURE_HOSTS.length)).toEqual(['MAP * ~NOTFOUND', 'EXCLUDE localhost']);
  });

  it.each([0, -1, 65536, 1.5, Number.NaN])('rejects port %s', (port) => {
    expect(() => hostResolverRules(port)).toThrow(/bad port/);
  });
});

describe('extensionIdFromUrl', () => {
  it('reads the id from a service worker URL', () => {
    expect(extensionIdFromUrl('chrome-extension://ameddameljonpbjdmljlbijdhegdbmii/background.js')).toBe(
      'ameddameljonpbjdmljlbijdhegdbmii',
    );
  });

  it.each([
    'https://arxiv.org/',
    'chrome-extension://short/background.js',
    'chrome-extension://ameddameljonpbjdmljlbijdhegdbmiz/background.js',
    'chrome-extension://ameddameljonpbjdmljlbijdhegdbmii',
  ])('rejects %s', (url) => {
    expect(() => extensionIdFromUrl(url)).toThrow(/not an extension URL/);
  });
});

describe('build checks', () => {
  let root: string;
  const ext = (): string => path.join(root, '.output/chrome-mv3');
  const writeManifest = (content: string): void => {
    mkdirSync(ext(), { recursive: true });
    writeFileSync(path.join(ext(), 'manifest.json'), content);
  };
  const touch = (rel: string, seconds: number): void => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, seconds, seconds);
  };
  const validManifest = JSON.stringify({
    manifest_version: 3,
    name: 'X',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
  });

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-build-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['is missing', null, /No built extension .*Run `npm run build`/],
    ['is not JSON', '{', /not valid JSON/],
    ['is MV2', JSON.stringify({ manifest_version: 2, name: 'X', version: '1' }), /not an MV3 manifest/],
    ['has no name', JSON.stringify({ manifest_version: 3, version: '1' }), /not an MV3 manifest/],
  ])('readBuiltManifest fails clearly when the manifest %s', (_, content, message) => {
    if (content !== null) writeManifest(content);
    expect(() => readBuiltManifest(ext())).toThrow(message);
  });

  it('readBuiltManifest returns a valid manifest', () => {
    writeManifest(validManifest);
    expect(readBuiltManifest(ext())).toMatchObject({
      name: 'X',
      background: { service_worker: 'background.js' },
    });
  });

  it('newestInputMtime ignores tests, dot-folders and node_modules', () => {
    touch('lib/a.ts', 1_000);
    touch('lib/a.test.ts', 9_000);
    touch('lib/node_modules/x.js', 9_000);
    touch('entrypoints/.cache/y.js', 9_000);
    touch('test/e2e/harness.e2e.ts', 9_000);
    expect(newestInputMtime(root)).toBe(1_000_000);
  });

  it('assertBuildFresh passes when the build is newer than every source', () => {
    touch('lib/a.ts', 1_000);
    touch('wxt.config.ts', 1_500);
    writeManifest(validManifest);
    utimesSync(path.join(ext(), 'manifest.json'), 2_000, 2_000);
    expect(() => assertBuildFresh(ext(), root)).not.toThrow();
  });

  it.each([
    ['a lib file', 'lib/deep/a.ts'],
    ['an entrypoint', 'entrypoints/background.ts'],
    ['the WXT config', 'wxt.config.ts'],
    ['a data file', 'data/papers.json'],
  ])('assertBuildFresh fails when %s is newer than the build', (_, rel) => {
    writeManifest(validManifest);
    utimesSync(path.join(ext(), 'manifest.json'), 2_000, 2_000);
    touch(rel, 3_000);
    expect(() => assertBuildFresh(ext(), root)).toThrow(/older than the sources/);
  });
});
