import { describe, expect, it } from 'vitest';
import {
  assertExtensionOrigin,
  type ContextKind,
  contextKind,
  type ExecutionEnv,
  isExtensionOrigin,
} from './extension-context';

const loc = (href: string) => {
  const url = new URL(href);
  return { protocol: url.protocol, origin: url.origin };
};

const cases: [string, ExecutionEnv, ContextKind][] = [
  [
    'Chrome service worker',
    { location: loc('chrome-extension://abcdefghijklmnop/background.js') },
    'extension',
  ],
  ['Chrome popup', { location: loc('chrome-extension://abcdefghijklmnop/popup.html') }, 'extension'],
  [
    'Firefox background page',
    { location: loc('moz-extension://1b2c3d4e-0000-4000-8000-000000000000/bg.html') },
    'extension',
  ],
  ['Safari extension page', { location: loc('safari-web-extension://ABCD/popup.html') }, 'extension'],
  ['Node (tests, CLI, bench)', { process: { versions: { node: '20.19.0' } } }, 'node'],
  ['content script on arXiv', { location: loc('https://arxiv.org/abs/2312.00678') }, 'page'],
  ['content script on OpenReview', { location: loc('https://openreview.net/forum?id=abc') }, 'page'],
  ['plain http page', { location: loc('http://example.org/') }, 'page'],
  ['file: page', { location: loc('file:///home/me/paper.html') }, 'page'],
  [
    'page even if a process global leaks in',
    { location: loc('https://arxiv.org/'), process: { versions: { node: '20' } } },
    'page',
  ],
  ['neither location nor Node', {}, 'unknown'],
  ['process without a node version', { process: { versions: {} } }, 'unknown'],
];

describe('contextKind / isExtensionOrigin / assertExtensionOrigin', () => {
  it.each(cases)('%s → %s', (_name, env, kind) => {
    expect(contextKind(env)).toBe(kind);
    const allowed = kind === 'extension' || kind === 'node';
    expect(isExtensionOrigin(env)).toBe(allowed);
    if (allowed) expect(() => assertExtensionOrigin(env)).not.toThrow();
    else expect(() => assertExtensionOrigin(env)).toThrow(/only be used in the extension origin/);
  });

  it('names the page origin and the way out in the error', () => {
    expect(() =>
      assertExtensionOrigin({ location: loc('https://arxiv.org/abs/1') }, 'openCatalogDb'),
    ).toThrow(
      /^openCatalogDb can only be used in the extension origin .* not from a web page origin \(https:\/\/arxiv\.org\)\. Content scripts must ask the background through lib\/messages\.ts\.$/,
    );
  });

  it('defaults to globalThis, which is Node here', () => {
    expect(contextKind()).toBe('node');
    expect(() => assertExtensionOrigin()).not.toThrow();
  });
});
