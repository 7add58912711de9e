import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The benchmarks and build scripts run in plain Node, and import the background's modules (seeding, message
 * schemas). A module that touches extension APIs when it loads (WXT storage items do: they read storage at
 * definition) breaks them; lib/settings-schema.ts exists for that. This loads those modules in a child Node
 * process with no browser globals (vitest's own environment has a fake browser, which would hide the problem).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const MODULES = ['lib/background/service.ts', 'lib/messages.ts', 'lib/settings-schema.ts'];

describe('modules the Node scripts import', () => {
  it.each(MODULES)('%s loads without an extension environment', (file) => {
    const code = `await import(${JSON.stringify(path.join(ROOT, file))}); await new Promise((r) => setTimeout(r, 50)); console.log('loaded');`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    expect(out.trim()).toBe('loaded');
  });

  it('the check can fail: lib/settings.ts (WXT storage items) does not load there', () => {
    const code = `await import(${JSON.stringify(path.join(ROOT, 'lib/settings.ts'))}); await new Promise((r) => setTimeout(r, 50)); console.log('loaded');`;
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      }),
    ).toThrow();
  });
});
