/**
 * lookupPaper's prediction for papers outside the survey (lib/classifier), through the real background
 * (startBackground + fakeBrowser + fake-indexeddb) with the committed model.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ClassifierModel, loadModel } from '../classifier/model';
import { fixtureDataset, uniqueDbName, V1 } from '../db/test-fixtures';
import {
  MESSAGE_LIMITS,
  type MessageSender,
  type MessagingBrowser,
  type RequestInput,
  type RequestName,
  type Result,
  requests,
  sendMessage,
} from '../messages';
import { type BackgroundService, startBackground } from './index';

const MODEL = loadModel(readFileSync(new URL('../../data/classifier.json', import.meta.url), 'utf8'));
const PAGE: MessageSender = { id: fakeBrowser.runtime.id, url: 'https://arxiv.org/abs/2402.17764' };

const services: BackgroundService[] = [];
beforeEach(() => {
  // Listeners of the previous test's (closed) service must not answer this test's messages.
  fakeBrowser.reset();
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

function start(classifier?: () => Promise<ClassifierModel>) {
  const warnings: string[] = [];
  let loads = 0;
  const service = startBackground({
    browser: fakeBrowser,
    bundled: fixtureDataset(V1),
    catalogDbName: uniqueDbName('pred-catalog'),
    libraryDbName: uniqueDbName('pred-library'),
    logger: { warn: (message: string) => warnings.push(message) },
    ...(classifier
      ? {
          classifier: () => {
            loads++;
            return classifier();
          },
        }
      : {}),
  });
  services.push(service);
  const browser: MessagingBrowser = {
    runtime: {
      sendMessage: (message) =>
        new Promise((resolve) => {
          void fakeBrowser.runtime.onMessage.trigger(
            structuredClone(message),
            PAGE,
            (reply: Result<unknown>) => resolve(structuredClone(reply)),
          );
        }),
    },
  };
  const call = async <K extends RequestName>(name: K, input: RequestInput<K>) => {
    const reply = await sendMessage(name, input, { browser });
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
  return { call, warnings, loads: () => loads };
}

describe('lookupPaper prediction', () => {
  it('predicts a leaf for a paper outside the survey and ranks related works from that leaf', async () => {
    const { call } = start(async () => MODEL);
    const reply = await call('lookupPaper', {
      arxivId: '2402.17764',
      title: 'The Era of 1-bit LLMs: All Large Language Models are in 1.58 Bits',
    });
    expect(reply.paper).toBeNull();
    expect(reply.prediction).toMatchObject({ kind: 'leaf', leaf: 'quantization' });
    if (reply.prediction?.kind !== 'leaf') return;
    expect(reply.prediction.confidence).toBeGreaterThanOrEqual(MODEL.meta.threshold);
    expect(reply.prediction.alternatives.length).toBeGreaterThan(0);
    // The fixture's Quantization papers (GPTQ, SmoothQuant, QLoRA) come first: same ranking as relatedToTitle
    // with the predicted leaf.
    const first = reply.related.slice(0, 3).map((r) => r.record.id);
    expect(first.sort()).toEqual(['arxiv:2210.17323', 'arxiv:2211.10438', 'arxiv:2305.14314']);
    expect(reply.related[0]!.sharedLeaves).toEqual(['quantization']);
  });

  it('uses the abstract when the page shows one', async () => {
    const { call } = start(async () => MODEL);
    const title = 'A Study of Something Else';
    const bare = await call('lookupPaper', { title });
    expect(bare.prediction?.kind).toBe('out-of-scope');
    const withAbstract = await call('lookupPaper', {
      title,
      abstract:
        'We propose post-training quantization of the weights of large language models to 4 bits and 3 bits, ' +
        'with a low-bit quantization kernel for weight-only quantization.',
    });
    expect(withAbstract.prediction).toMatchObject({ kind: 'leaf', leaf: 'quantization' });
  });

  it('says out-of-scope for a paper of another field, with related works from the title alone', async () => {
    const { call } = start(async () => MODEL);
    const reply = await call('lookupPaper', {
      title: 'Gravitational Lensing of Distant Quasars by Galaxy Clusters',
    });
    expect(reply.prediction?.kind).toBe('out-of-scope');
    expect(reply.related.every((r) => r.sharedLeaves.length === 0)).toBe(true);
  });

  it.each<[string, RequestInput<'lookupPaper'>]>([
    ['a survey paper (by id)', { arxivId: '2106.09685' }],
    ['a survey paper (by title)', { title: 'Distilling the Knowledge in a Neural Network' }],
    ['an unknown paper without a title', { arxivId: '2402.17764' }],
  ])('gives no prediction for %s and does not load the model', async (_name, input) => {
    const { call, loads } = start(async () => MODEL);
    expect((await call('lookupPaper', input)).prediction).toBeNull();
    expect(loads()).toBe(0);
  });

  it('answers without a prediction when the model cannot be loaded, warning once', async () => {
    const { call, warnings, loads } = start(async () => {
      throw new Error('Invalid classifier model: not JSON');
    });
    for (const title of ['The Era of 1-bit LLMs', 'Another Unknown Paper']) {
      const reply = await call('lookupPaper', { title });
      expect(reply.prediction).toBeNull();
      expect(reply.libraryKey).toMatch(/^title:/);
    }
    expect(loads()).toBe(2);
    expect(warnings).toEqual([
      'Efficiency Lens: no predictions for papers outside the survey: Invalid classifier model: not JSON',
    ]);
  });

  it('by default fetches /data/classifier.json from the extension (absent here: no prediction, one warning)', async () => {
    const { call, warnings } = start();
    expect((await call('lookupPaper', { title: 'The Era of 1-bit LLMs' })).prediction).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/data/classifier.json');
  });
});

describe('lookupPaper input: abstract', () => {
  it.each<[string, unknown, boolean]>([
    ['accepts an abstract', { title: 'X', abstract: 'We study quantization.' }, true],
    ['accepts an empty abstract', { title: 'X', abstract: '' }, true],
    ['accepts the longest abstract', { title: 'X', abstract: 'a'.repeat(MESSAGE_LIMITS.abstract) }, true],
    ['refuses a longer abstract', { title: 'X', abstract: 'a'.repeat(MESSAGE_LIMITS.abstract + 1) }, false],
    ['refuses an abstract that is not text', { title: 'X', abstract: 5 }, false],
    [
      'refuses an abstract alone (nothing identifies the paper)',
      { abstract: 'We study quantization.' },
      false,
    ],
  ])('%s', (_name, input, ok) => {
    expect(requests.lookupPaper.input.safeParse(input).success).toBe(ok);
  });

  it('replies with a prediction that passes the output schema, and replies without one still parse', () => {
    const base = {
      paper: null,
      matchedBy: null,
      score: null,
      related: [],
      saved: false,
      libraryKey: 'title:x',
    };
    const ok = (value: unknown) => requests.lookupPaper.output.safeParse(value).success;
    expect(ok(base)).toBe(true);
    expect(ok({ ...base, prediction: null })).toBe(true);
    expect(ok({ ...base, prediction: { kind: 'out-of-scope', confidence: 0.9 } })).toBe(true);
    expect(
      ok({ ...base, prediction: { kind: 'leaf', leaf: 'pruning', confidence: 0.8, alternatives: [] } }),
    ).toBe(true);
    expect(
      ok({ ...base, prediction: { kind: 'leaf', leaf: 'not-a-leaf', confidence: 0.8, alternatives: [] } }),
    ).toBe(false);
    expect(
      ok({ ...base, prediction: { kind: 'leaf', leaf: 'pruning', confidence: 1.5, alternatives: [] } }),
    ).toBe(false);
  });
});
