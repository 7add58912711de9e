import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledClassifier, CLASSIFIER_MODEL_PATH, loadModelFrom, type ModelFetch } from './load';

const committed = readFileSync(new URL('../../data/classifier.json', import.meta.url), 'utf8');

const serving =
  (body: string, status = 200): ModelFetch =>
  async () => ({ ok: status === 200, status, text: async () => body });

describe('loadModelFrom', () => {
  it('loads the committed model', async () => {
    const model = await loadModelFrom('x:/m.json', serving(committed));
    expect(model.index.size).toBeGreaterThan(1000);
  });

  it.each<[string, ModelFetch, RegExp]>([
    ['a missing file', serving('', 404), /^cannot read x:\/m\.json: HTTP status 404$/],
    [
      'a failing fetch',
      async () => {
        throw new TypeError('Failed to fetch');
      },
      /cannot read x:\/m\.json: Failed to fetch/,
    ],
    ['broken JSON', serving('{"format":'), /^Invalid classifier model: not JSON/],
    [
      'a corrupt model',
      serving('{"format":"efficiency-lens-classifier","version":1}'),
      /^Invalid classifier model: /,
    ],
  ])('rejects %s with a clear error', async (_name, fetchFn, message) => {
    await expect(loadModelFrom('x:/m.json', fetchFn)).rejects.toThrow(message);
  });
});

describe('bundledClassifier', () => {
  it('fetches the extension file once, and again only after a failure', async () => {
    const urls: string[] = [];
    let fail = true;
    const load = bundledClassifier(
      { runtime: { getURL: (path) => `chrome-extension://id${path}` } },
      {
        fetch: async (url) => {
          urls.push(url);
          return fail
            ? { ok: false, status: 404, text: async () => '' }
            : { ok: true, status: 200, text: async () => committed };
        },
      },
    );
    await expect(load()).rejects.toThrow(/404/);
    fail = false;
    const first = await load();
    expect(await load()).toBe(first);
    expect(urls).toEqual([
      `chrome-extension://id${CLASSIFIER_MODEL_PATH}`,
      `chrome-extension://id${CLASSIFIER_MODEL_PATH}`,
    ]);
  });
});
