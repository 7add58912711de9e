import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_RECORDS } from '../lib/catalog/test-records';
import type { PaperRecord } from '../lib/dataset/schema';
import { EXIT, loadRecords, PAPERS_JSON, runLookup } from './lookup';

/** Run the CLI in-process; returns the exit code and what it printed. */
function run(
  argv: string[],
  records: readonly PaperRecord[] | (() => readonly PaperRecord[]) = TEST_RECORDS,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runLookup(argv, { records, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n'), lines: out };
}

describe('usage errors (exit 2)', () => {
  it.each([
    [[], /nothing to look up/],
    [['   '], /nothing to look up/],
    [['--json'], /nothing to look up/],
    [['--limit', '0', 'lora'], /--limit needs a whole number from 1 to 100, got "0"/],
    [['--limit', 'abc', 'lora'], /--limit needs a whole number/],
    [['--limit=101', 'lora'], /--limit needs a whole number/],
    [['lora', '--limit'], /--limit needs a whole number/],
    [['--wat', 'lora'], /unknown option --wat/],
    [['2113.00001'], /not a valid arXiv id: 2113\.00001/], // month 13
    [['arXiv:1234.5'], /not a valid arXiv id/],
    [['https://arxiv.org/list/cs.CL/recent'], /no paper id in this URL/],
    [['https://openreview.net/group?id=ICLR.cc'], /no paper id in this URL/],
    [['https://example.com/paper/1'], /unsupported URL/],
    [['http://'], /not a valid URL/],
  ])('%j', (argv, message) => {
    const { code, err, out } = run(argv);
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  it('does not load the dataset for a usage error', () => {
    let loads = 0;
    const { code } = run([], () => {
      loads++;
      return TEST_RECORDS;
    });
    expect(code).toBe(EXIT.usage);
    expect(loads).toBe(0);
  });

  it('prints help on --help', () => {
    const { code, out, err } = run(['--help']);
    expect(code).toBe(EXIT.found);
    expect(out).toMatch(/^usage: npm run lookup --/);
    expect(out).toMatch(/exit codes: 0 found, 1 not in the dataset, 2 usage error/);
    expect(err).toBe('');
  });
});

describe('not in the dataset (exit 1)', () => {
  it.each([
    [['hep-th/9711200'], 'arXiv:hep-th/9711200 is not in the survey dataset (45 papers).'],
    [['https://arxiv.org/abs/2401.00001v2'], 'arXiv:2401.00001 is not in the survey dataset (45 papers).'],
    [['openreview:AAAAAAAAAA'], 'OpenReview forum AAAAAAAAAA is not in the survey dataset (45 papers).'],
    [['10.1145/0000000.0000000'], 'DOI 10.1145/0000000.0000000 is not in the survey dataset (45 papers).'],
  ])('%j', (argv, message) => {
    const { code, err, out } = run(argv);
    expect(code).toBe(EXIT.notFound);
    expect(err).toBe(`lookup: ${message}`);
    expect(out).toBe('');
  });

  it('shows the closest titles when no title matches', () => {
    const { code, err, lines } = run(['Knowledge', 'Distillation', 'for', 'Crop', 'Disease', 'Detection']);
    expect(code).toBe(EXIT.notFound);
    expect(err).toBe(
      'lookup: no paper titled "Knowledge Distillation for Crop Disease Detection" in the survey dataset.',
    );
    expect(lines[0]).toBe('no exact match; closest titles:');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[1]).toMatch(/Distill/);
  });

  it('says so when nothing matches at all', () => {
    const { code, err, out } = run(['zzzz', 'qqqq']);
    expect(code).toBe(EXIT.notFound);
    expect(err).toBe('lookup: no paper matches "zzzz qqqq" in the survey dataset.');
    expect(out).toBe('');
  });

  it('reports not-found as JSON with --json', () => {
    const { code, out } = run(['--json', 'Vector Quantization for Speech Codecs']);
    expect(code).toBe(EXIT.notFound);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ query: 'Vector Quantization for Speech Codecs', found: false });
    expect(json.suggestions.length).toBeGreaterThan(0);
    expect(json.suggestions[0]).toEqual({
      id: expect.any(String),
      title: expect.stringMatching(/Quantization/),
      year: expect.any(Number),
    });
  });
});

describe('found (exit 0)', () => {
  it.each([
    [['2106.09685'], 'arXiv id'],
    [['https://arxiv.org/abs/2106.09685v2'], 'arXiv id'],
    [['https://arxiv.org/pdf/2106.09685v2.pdf'], 'arXiv id'],
    [['arXiv:2106.09685'], 'arXiv id'],
    [['10.48550/arXiv.2106.09685'], 'arXiv id'],
    [['https://openreview.net/forum?id=nZeVKeeFYf9'], 'OpenReview id'],
    [['arxiv:2106.09685'], 'catalog id'],
    [['LoRA:', 'Low-Rank', 'Adaptation', 'of', 'Large', 'Language', 'Models'], 'exact title'],
    [['lora low rank adaptation of large language models'], 'exact title'],
  ])('%j → LoRA by %s', (argv, how) => {
    const { code, lines, err } = run(argv);
    expect(err).toBe('');
    expect(code).toBe(EXIT.found);
    expect(lines[0]).toBe('Training & Tuning Efficiency > Scalable Tuning > Parameter-Efficient Fine-Tuning');
    expect(lines).toContain('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(lines).toContain('  arXiv       2106.09685  https://arxiv.org/abs/2106.09685');
    expect(lines).toContain('  OpenReview  nZeVKeeFYf9  https://openreview.net/forum?id=nZeVKeeFYf9');
    expect(lines).toContain('  venue       ICLR 2022');
    expect(lines).toContain('  leaves      Parameter-Efficient Fine-Tuning (PEFT)');
    expect(lines).toContain(`  matched by  ${how}`);
    expect(lines).toContain('Related works (top 8):');
    expect(lines).toContain('   1. QLoRA: Efficient Finetuning of Quantized LLMs');
    expect(lines).toContain(
      '      arXiv 2305.14314 · 2023 — same leaf: Parameter-Efficient Fine-Tuning · shares terms: lora',
    );
  });

  it('shows every taxonomy path, the sources and the title variants', () => {
    const qlora = run(['2305.14314']).lines;
    expect(qlora.slice(0, 2)).toEqual([
      'Training & Tuning Efficiency > Scalable Tuning > Parameter-Efficient Fine-Tuning',
      'Inference Efficiency > Quantization',
    ]);
    expect(qlora).toContain('  sources');
    expect(qlora.filter((l) => /^ {4}(aiot|horseee|huangowen|tiingweii): /.test(l))).toHaveLength(4);
    const minillm = run(['2306.08543']).lines;
    expect(minillm).toContain('  also titled');
    expect(minillm).toContain('    MiniLLM: Knowledge Distillation of Large Language Models');
  });

  it('finds a fuzzy title and says how similar it was', () => {
    const { code, lines } = run(['Wanda: A Simple and Effective Pruning Approach for Large Language Models']);
    expect(code).toBe(EXIT.found);
    expect(lines[0]).toBe('Inference Efficiency > Pruning');
    expect(lines).toContain('  id          arxiv:2306.11695');
    expect(lines.find((l) => l.startsWith('  matched by'))).toMatch(
      /^ {2}matched by {2}similar title \(similarity 0\.\d\d\)$/,
    );
  });

  it('finds non-arXiv papers by DOI or link', () => {
    const doi = run(['https://doi.org/10.1145/1553374.1553380']);
    expect(doi.code).toBe(EXIT.found);
    expect(doi.lines).toContain('Curriculum Learning');
    expect(doi.lines).toContain('  matched by  DOI');
    const link = run(['https://link.springer.com/article/10.1007/s10462-012-9338-y/']);
    expect(link.code).toBe(EXIT.found);
    expect(link.lines).toContain('Mixture of experts: a literature survey');
    expect(link.lines).toContain('  year        —');
    expect(link.lines).toContain('  matched by  link');
  });

  it('shows the survey with its central papers', () => {
    const { code, lines } = run(['2312.00678']);
    expect(code).toBe(EXIT.found);
    expect(lines[0]).toBe('(the survey itself: no taxonomy leaf)');
    expect(lines.filter((l) => / — central in /.test(l))).toHaveLength(8);
  });

  it('honours --limit', () => {
    const { lines } = run(['--limit', '3', '2106.09685']);
    expect(lines).toContain('Related works (top 3):');
    expect(lines.filter((l) => /^ {2}\s?\d\. /.test(l))).toHaveLength(3);
    expect(run(['--limit=2', '2106.09685']).lines).toContain('Related works (top 2):');
  });

  it('prints JSON with --json', () => {
    const { code, out } = run(['--json', '--limit', '5', 'https://arxiv.org/abs/2106.09685v2']);
    expect(code).toBe(EXIT.found);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      query: 'https://arxiv.org/abs/2106.09685v2',
      found: true,
      ref: { kind: 'arxiv', id: '2106.09685', version: 2 },
      matchedBy: 'arxiv-id',
      score: 1,
      paths: ['Training & Tuning Efficiency > Scalable Tuning > Parameter-Efficient Fine-Tuning'],
      record: { id: 'arxiv:2106.09685', arxivId: '2106.09685', year: 2021 },
    });
    expect(json.related).toHaveLength(5);
    expect(json.related[0]).toEqual({
      id: 'arxiv:2305.14314',
      title: 'QLoRA: Efficient Finetuning of Quantized LLMs',
      arxivId: '2305.14314',
      year: 2023,
      score: expect.any(Number),
      reason: 'same leaf: Parameter-Efficient Fine-Tuning · shares terms: lora',
      sharedLeaves: ['parameter-efficient-fine-tuning'],
    });
  });

  it('treats everything after -- as the input', () => {
    const { code, err } = run(['--', '--json']);
    expect(code).toBe(EXIT.notFound);
    expect(err).toMatch(/no paper matches "--json"/);
  });
});

describe('the dataset (exit 3)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lookup-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a dataset that cannot be loaded', () => {
    const { code, err } = run(['2106.09685'], () => loadRecords(path.join(dir, 'missing.json')));
    expect(code).toBe(EXIT.dataset);
    expect(err).toMatch(/^lookup: dataset not found: .*missing\.json/);
  });

  it('loadRecords validates JSON and the record schema', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadRecords(bad)).toThrow(/dataset is not valid JSON/);
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify([{ ...TEST_RECORDS[0], leaves: ['not-a-leaf'] }]));
    expect(() => loadRecords(wrong)).toThrow(
      /does not match the PaperRecord schema: .*0\.leaves\.0: unknown taxonomy leaf/,
    );
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(TEST_RECORDS));
    expect(loadRecords(good)).toHaveLength(TEST_RECORDS.length);
  });
});

// Acceptance on the real dataset (data/papers.json): the cases the CLI was specified with. These depend on
// the dataset's contents by design; everything above runs on the hand-written fixture.
describe('acceptance on data/papers.json', () => {
  const records = loadRecords(PAPERS_JSON);

  it('LoRA by versioned arXiv URL: its PEFT path and other PEFT papers as related works', () => {
    const { code, lines, out } = run(['https://arxiv.org/abs/2106.09685v2'], records);
    expect(code).toBe(EXIT.found);
    expect(lines).toContain(
      'Training & Tuning Efficiency > Scalable Tuning > Parameter-Efficient Fine-Tuning',
    );
    expect(lines).toContain('Related works (top 8):');
    const reasons = lines.filter((l) => l.startsWith('      ') && l.includes(' — '));
    expect(reasons).toHaveLength(8);
    for (const r of reasons) expect(r).toMatch(/ — same leaf: Parameter-Efficient Fine-Tuning/);
    expect(out).toContain('QLoRA: Efficient Finetuning of Quantized LLMs');
  });

  it('an old-style id that is not in the dataset', () => {
    const { code, err } = run(['hep-th/9711200'], records);
    expect(code).toBe(EXIT.notFound);
    expect(err).toMatch(/^lookup: arXiv:hep-th\/9711200 is not in the survey dataset \(\d+ papers\)\.$/);
  });

  it('a title, exact and fuzzy', () => {
    const exact = run(['QLoRA: Efficient Finetuning of Quantized LLMs'], records);
    expect(exact.code).toBe(EXIT.found);
    expect(exact.lines).toContain('  matched by  exact title');
    expect(exact.lines).toContain('Inference Efficiency > Quantization');
    const fuzzy = run(['Wanda: A Simple and Effective Pruning Approach for Large Language Models'], records);
    expect(fuzzy.code).toBe(EXIT.found);
    expect(fuzzy.lines).toContain('  id          arxiv:2306.11695');
  });

  it('runs as a script with the right exit codes', () => {
    const script = path.join(path.dirname(PAPERS_JSON), '../scripts/lookup.ts');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', script, '--limit', '2', '2106.09685'], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^Training & Tuning Efficiency > Scalable Tuning > Parameter-Efficient Fine-Tuning\n/,
    );
    const usage = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/nothing to look up/);
  }, 30_000);
});
