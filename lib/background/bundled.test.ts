import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RECORDS } from '../db/test-fixtures';
import {
  BUNDLED_META,
  BUNDLED_RECORDS_PATH,
  bundledDataset,
  type FetchLike,
  loadRecordsFrom,
} from './bundled';

const ROOT = path.resolve(import.meta.dirname, '../..');
const URL_ = 'chrome-extension://abc/data/papers.json';

const versionOf = (bytes: Uint8Array | string) =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** A fetch that answers every URL with `body` (and records what was asked). */
function fakeFetch(body: Uint8Array | string, status = 200) {
  const asked: string[] = [];
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const fetch: FetchLike = async (url) => {
    asked.push(url);
    return {
      ok: status >= 200 && status < 300,
      status,
      arrayBuffer: async () => bytes.slice().buffer,
    };
  };
  return { fetch, asked };
}

describe('loadRecordsFrom', () => {
  const good = JSON.stringify(FIXTURE_RECORDS);

  it('fetches the URL and parses the array, unvalidated', async () => {
    const { fetch, asked } = fakeFetch(good);
    expect(await loadRecordsFrom(URL_, { fetch, expectedVersion: versionOf(good) })).toEqual(FIXTURE_RECORDS);
    expect(asked).toEqual([URL_]);
  });

  it('accepts an array of anything (the rows are zod-checked by ensureCatalogSeeded)', async () => {
    const { fetch } = fakeFetch('[1, {"id": null}]');
    expect(await loadRecordsFrom(URL_, { fetch })).toEqual([1, { id: null }]);
  });

  const failures: [string, () => ReturnType<typeof fakeFetch>, string | undefined, RegExp][] = [
    [
      'a missing file (404)',
      () => fakeFetch('not found', 404),
      undefined,
      /^cannot read .*: HTTP status 404$/,
    ],
    [
      'a fetch that rejects',
      () => ({
        asked: [],
        fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      }),
      undefined,
      /^cannot read chrome-extension:\/\/abc\/data\/papers\.json: Failed to fetch$/,
    ],
    ['a truncated file', () => fakeFetch(good.slice(0, 100)), undefined, /papers\.json is not valid JSON: /],
    ['an empty file', () => fakeFetch(''), undefined, /is not valid JSON/],
    ['invalid UTF-8', () => fakeFetch(new Uint8Array([0x5b, 0xff, 0x5d])), undefined, /is not valid JSON/],
    ['an object', () => fakeFetch('{"records": []}'), undefined, /holds object, not an array of records$/],
    ['null', () => fakeFetch('null'), undefined, /holds null, not an array of records$/],
    ['a string', () => fakeFetch('"[]"'), undefined, /holds string, not an array/],
    [
      'a file from another build (hash differs from the version)',
      () => fakeFetch(good),
      '0123456789abcdef',
      /does not belong to dataset 0123456789abcdef \(its sha256 starts [0-9a-f]{16}\): the file and data\/dataset-meta\.json come from different builds/,
    ],
  ];
  it.each(failures)('refuses %s with a clear error', async (_name, make, expectedVersion, message) => {
    const { fetch } = make();
    await expect(loadRecordsFrom(URL_, { fetch, expectedVersion })).rejects.toThrow(message);
  });

  it('checks the hash of the bytes as fetched (one changed byte is refused)', async () => {
    const tampered = good.replace('LoRA', 'LoRB');
    expect(tampered).not.toBe(good);
    await expect(
      loadRecordsFrom(URL_, { fetch: fakeFetch(tampered).fetch, expectedVersion: versionOf(good) }),
    ).rejects.toThrow(/does not belong to dataset/);
  });

  it('skips the hash check where no digest is available', async () => {
    const { fetch } = fakeFetch(good);
    expect(
      await loadRecordsFrom(URL_, { fetch, expectedVersion: '0123456789abcdef', subtle: undefined }),
    ).toHaveLength(FIXTURE_RECORDS.length);
  });
});

describe('bundledDataset', () => {
  const papersBytes = readFileSync(path.join(ROOT, 'data/papers.json'));

  it('carries the meta of data/dataset-meta.json and fetches the extension URL of data/papers.json', async () => {
    const { fetch, asked } = fakeFetch(papersBytes);
    const getURL = (p: string) => `chrome-extension://abc${p}`;
    const dataset = bundledDataset({ runtime: { getURL } }, { fetch });
    expect(dataset.meta).toBe(BUNDLED_META);
    expect(asked).toEqual([]);
    const records = await dataset.loadRecords();
    expect(asked).toEqual([`chrome-extension://abc${BUNDLED_RECORDS_PATH}`]);
    expect(records).toHaveLength(BUNDLED_META.records);
  });

  it("the repository's data/papers.json hashes to BUNDLED_META.version (what the loader checks)", () => {
    expect(versionOf(papersBytes)).toBe(BUNDLED_META.version);
  });

  it('refuses a data/papers.json that does not match the meta', async () => {
    const dataset = bundledDataset(
      { runtime: { getURL: (p) => `chrome-extension://abc${p}` } },
      { fetch: fakeFetch(JSON.stringify(FIXTURE_RECORDS)).fetch },
    );
    await expect(dataset.loadRecords()).rejects.toThrow(
      new RegExp(`does not belong to dataset ${BUNDLED_META.version}`),
    );
  });
});
