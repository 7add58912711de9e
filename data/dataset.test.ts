/**
 * Lint of the committed dataset (data/papers.json, negatives.json, dataset-meta.json, DATASET.md), in the spirit
 * of Dark Reader's config tests: schema, ids, sort order, byte format, referential integrity with the taxonomy,
 * and that a fresh import of the sources reproduces the committed files exactly.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArxivIdSchema, DatasetMeta, PaperRecord } from '../lib/dataset/schema';
import { CROSS_LISTING_RULE } from '../lib/importer/cross-listing';
import { ArxivTitleMatcher, type TitledGroup } from '../lib/importer/fuzzy-merge';
import { arxivIdDate, parseArxivId } from '../lib/importer/ids';
import { likelyTypos, titleVocabulary } from '../lib/importer/titles';
import { LEAF_IDS, sortLeaves } from '../lib/taxonomy';
import { normalizeTitle } from '../lib/text/title';
import { buildDataset, resolveSourcesDir } from '../scripts/build-dataset';

const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const papersText = read('papers.json');
const negativesText = read('negatives.json');
const papers = JSON.parse(papersText) as PaperRecord[];
const negatives = JSON.parse(negativesText) as PaperRecord[];
const meta = JSON.parse(read('dataset-meta.json')) as unknown;

describe.each([
  ['papers.json', papersText, papers],
  ['negatives.json', negativesText, negatives],
])('%s', (_name, text, records) => {
  it('is an array of records that parse with the zod schema', () => {
    expect(Array.isArray(records)).toBe(true);
    const bad = records.flatMap((r, i) => {
      const res = PaperRecord.safeParse(r);
      return res.success ? [] : [`${i} ${r.id}: ${res.error.issues[0]?.message}`];
    });
    expect(bad).toEqual([]);
  });

  it('is 2-space JSON with LF line ends and a trailing newline, byte-identical to a re-serialisation', () => {
    expect(text.includes('\r')).toBe(false);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it('is sorted by id with unique ids', () => {
    const ids = records.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has valid arXiv ids matching the record ids, and well-formed other ids', () => {
    for (const r of records) {
      if (r.arxivId !== null) {
        expect(ArxivIdSchema.safeParse(r.arxivId).success, r.id).toBe(true);
        expect(parseArxivId(r.arxivId)?.id, r.id).toBe(r.arxivId);
        expect(r.id).toBe(`arxiv:${r.arxivId}`);
        expect(r.year, r.id).toBe(arxivIdDate(r.arxivId)?.year);
      } else expect(r.id, r.id).toMatch(/^(?:openreview|acl|url):\S+$/);
      if (r.id.startsWith('openreview:')) expect(r.openreviewId).toBe(r.id.slice('openreview:'.length));
    }
  });

  it('has normTitle = normalizeTitle(title), unique across records', () => {
    for (const r of records) expect(r.normTitle, r.id).toBe(normalizeTitle(r.title));
    const norms = records.map((r) => r.normTitle);
    expect(new Set(norms).size).toBe(norms.length);
  });

  it('keeps provenance leaves consistent with record leaves', () => {
    for (const r of records) {
      const fromProvenance = sortLeaves(r.provenance.flatMap((p) => (p.leaf ? [p.leaf] : [])));
      expect(r.leaves, r.id).toEqual(r.isSurvey ? [] : fromProvenance);
      for (const p of r.provenance) if (p.confidence === 'rule') expect(p.rule, r.id).toBeTruthy();
    }
  });

  it('unfiles entries only through the cross-listing rule, with no confidence', () => {
    for (const r of records)
      for (const p of r.provenance)
        if (p.leaf === null && p.rule !== undefined) {
          expect(p.rule, r.id).toBe(CROSS_LISTING_RULE);
          expect(p.confidence, r.id).toBeNull();
        }
  });
});

describe('papers.json and negatives.json together', () => {
  const all = [...papers, ...negatives];
  const titled = (r: PaperRecord): TitledGroup => ({ key: r.id, titles: [r.title, ...r.titleVariants] });

  it('leave no record without an arXiv id that the fuzzy merge would fold into an arXiv record', () => {
    const arxiv = all.filter((r) => r.arxivId !== null).map(titled);
    const matcher = new ArxivTitleMatcher(arxiv, all.map(titled));
    const mergeable = all
      .filter((r) => r.arxivId === null)
      .flatMap((r) => {
        const m = matcher.match(titled(r));
        if (!m) return [];
        // A match that was refused for conflicting OpenReview/ACL ids is fine.
        const target = all.find((t) => t.id === m.target);
        const conflict = r.openreviewId && target?.openreviewId && r.openreviewId !== target.openreviewId;
        return conflict ? [] : [`${r.id} → ${m.target}`];
      });
    expect(mergeable).toEqual([]);
  });

  it('have no canonical title with a likely typo that one of its variants corrects', () => {
    const vocab = titleVocabulary(all.map((r) => [r.title, ...r.titleVariants]));
    const typos = all.flatMap((r) =>
      r.titleVariants.length > 0 && likelyTypos(r.title, r.titleVariants, vocab).length > 0 ? [r.id] : [],
    );
    expect(typos).toEqual([]);
  });
});

describe('papers.json', () => {
  it('has leaves in survey order, and every leaf of the taxonomy has at least one paper', () => {
    for (const r of papers) expect(r.leaves, r.id).toEqual(sortLeaves(r.leaves));
    const empty = LEAF_IDS.filter((l) => !papers.some((r) => r.leaves.includes(l)));
    expect(empty).toEqual([]);
  });

  it('contains the survey, the only record without leaves', () => {
    const leafless = papers.filter((r) => r.leaves.length === 0);
    expect(leafless.map((r) => [r.id, r.isSurvey])).toEqual([['arxiv:2312.00678', true]]);
    expect(leafless[0]?.title).toBe(
      'The Efficiency Spectrum of Large Language Models: An Algorithmic Survey',
    );
    expect(papers.filter((r) => r.isSurvey)).toHaveLength(1);
  });

  it.each([
    ['2106.09685', ['parameter-efficient-fine-tuning']],
    ['2305.14314', ['parameter-efficient-fine-tuning', 'quantization']],
    ['2210.17323', ['quantization']],
    ['2205.14135', ['efficient-attention']],
    ['2203.15556', ['scaling-laws']],
    ['2101.03961', ['sparse-modeling']],
  ])('spot check: %s is filed under %j', (id, leaves) => {
    const r = papers.find((p) => p.arxivId === id);
    expect(r, id).toBeDefined();
    expect(r?.leaves).toEqual(expect.arrayContaining(leaves));
  });

  it.each([
    // Cross-listed citations of data-selection sections are not filings (lib/importer/cross-listing.ts).
    ['2106.09685', ['parameter-efficient-fine-tuning']],
    ['2204.02311', ['parallelism-techniques']],
    ['2403.17919', ['memory-optimization']],
    // A data-selection method keeps its data leaves.
    ['2302.03169', ['data-filtering', 'active-learning-importance-sampling']],
  ])('spot check: %s is filed under exactly %j', (id, leaves) => {
    expect(papers.find((p) => p.arxivId === id)?.leaves).toEqual(leaves);
  });

  it.each([
    ['openreview:tcbBPnfwxS', '2210.17323'],
    ['openreview:jjazoNAf1S', '2307.03738'],
    ['url:dl.acm.org/doi/pdf/10.1145/3714983.3714987', '2306.00978'],
    ['acl:2022.emnlp-main.388', '2205.12410'],
  ])('spot check: %s is merged into arXiv %s', (oldId, arxivId) => {
    expect(papers.some((p) => p.id === oldId)).toBe(false);
    const r = papers.find((p) => p.arxivId === arxivId);
    expect(r?.titleVariants.length, arxivId).toBeGreaterThan(0);
    expect(r?.provenance.length, arxivId).toBeGreaterThan(1);
  });

  it('spot check: titles and venues of the tie-break rules', () => {
    expect(papers.find((p) => p.arxivId === '2403.01241')?.title).toBe(
      'IntactKV: Improving Large Language Model Quantization by Keeping Pivot Tokens Intact',
    );
    expect(papers.find((p) => p.arxivId === '2310.06694')?.venue).toBe('ICLR 2024');
    expect(papers.find((p) => p.arxivId === '2210.17323')?.openreviewId).toBe('tcbBPnfwxS');
  });
});

describe('negatives.json', () => {
  it('has no leaves and no paper of papers.json', () => {
    const ids = new Set(papers.map((r) => r.id));
    const arxiv = new Set(papers.map((r) => r.arxivId).filter(Boolean));
    const norms = new Set(papers.map((r) => r.normTitle));
    for (const n of negatives) {
      expect(n.leaves, n.id).toEqual([]);
      expect(n.isSurvey).toBe(false);
      expect(ids.has(n.id), n.id).toBe(false);
      if (n.arxivId) expect(arxiv.has(n.arxivId), n.id).toBe(false);
      expect(norms.has(n.normTitle), n.id).toBe(false);
    }
  });
});

describe('dataset-meta.json', () => {
  it('matches the schema, the sha256 of papers.json and the record counts', () => {
    const parsed = DatasetMeta.parse(meta);
    expect(parsed.version).toBe(createHash('sha256').update(papersText, 'utf8').digest('hex').slice(0, 16));
    expect(parsed.records).toBe(papers.length);
    expect(parsed.negatives).toBe(negatives.length);
    expect(read('dataset-meta.json')).toBe(`${JSON.stringify(meta, null, 2)}\n`);
  });
});

describe('DATASET.md', () => {
  it('is generated for this version and has no CR', () => {
    const md = read('DATASET.md');
    expect(md.includes('\r')).toBe(false);
    expect(md).toContain(`Version \`${DatasetMeta.parse(meta).version}\``);
  });
});

describe('reproducibility', () => {
  const dir = resolveSourcesDir([]);

  it('re-running the importer over the survey sources reproduces every committed file byte for byte', () => {
    // CI checks out shared/ beside the repository; without it this test cannot say anything, so it fails.
    expect(existsSync(dir), `survey sources not found at ${dir} (set EL_SOURCES_DIR)`).toBe(true);
    const built = buildDataset(dir);
    expect(built.files['data/papers.json'] === papersText, 'papers.json differs: run npm run dataset').toBe(
      true,
    );
    expect(built.files['data/negatives.json'] === negativesText, 'negatives.json differs').toBe(true);
    expect(built.files['data/dataset-meta.json']).toBe(read('dataset-meta.json'));
    expect(built.files['data/DATASET.md']).toBe(read('DATASET.md'));
    // Every erratum of SOURCES.md §3.5 still matches an entry.
    expect(built.report.errata.filter((e) => e.matched === 0).map((e) => e.erratum.wrongId)).toEqual([]);
  }, 180_000);
});
