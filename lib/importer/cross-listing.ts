/**
 * The cross-listing rule: a data-selection list cites general methods, and those citations are not filings.
 *
 * alon-albalak/data-selection-survey files papers by the *data* decision they make: its "Data Selection for
 * Task-specific Fine-tuning" section cites LoRA (2106.09685) because the survey discusses fine-tuning with it,
 * its "Data Quality" section cites PaLM and GLaM for their data pipelines. Mapped heading by heading onto
 * Ding's leaves, that puts LoRA under Data-Efficient Fine-Tuning and PaLM under Data Filtering, which no
 * researcher would do. The rule below removes exactly those assignments, and nothing a data-selection title
 * supports:
 *
 *   In a section whose scope is data selection (DATA_SELECTION_SCOPES), an entry whose title says nothing about
 *   data (DATA_TERMS) loses its leaf when another source files the same paper confidently (a confident heading
 *   or the curated supplement) under a different leaf, from a section that is not itself a data-selection
 *   section. The paper keeps only those other leaves.
 *
 * Why each condition: the title test keeps every data-selection method ("Data Selection for Language Models via
 * Importance Resampling", "How to Train Data-Efficient LLMs"); the other-source condition means the paper has
 * a home the taxonomy recognises, so dropping the leaf never leaves it without one; requiring that home to be
 * outside the data-selection sections stops two such sections from cancelling each other. A dropped entry stays
 * in the record's provenance with `leaf: null`, `confidence: null` and `rule: "cross-listed-data-selection"`.
 */
import type { Provenance } from '../dataset/schema';
import type { LeafId } from '../taxonomy';
import type { MergeInput } from './merge';
import type { RuleScope } from './rules';

/** The name written into the provenance of a dropped entry, and shown in DATASET.md. */
export const CROSS_LISTING_RULE = 'cross-listed-data-selection';

/** Why the rule exists, one line for DATASET.md. */
export const CROSS_LISTING_WHY =
  'Data-selection lists cite general methods and flagship models for the data decisions they make (LoRA in ' +
  "albalak's task-specific fine-tuning section, PaLM and GLaM in its data-quality section); such a citation is " +
  'not a filing under a data leaf when another list files the paper confidently elsewhere.';

const s = (source: string, heading: string): RuleScope => ({ source, heading });

/**
 * Sections whose scope is data selection: every heading of the data-selection survey (albalak), AIoT's data
 * selection and demonstration sections, and tiingweii's "Importance Sampling" (which lists LISA, a layer
 * sampling method for memory-efficient fine-tuning). Prompting sections (AIoT "Instruction Generation",
 * "Multi-Step Reasoning", "Prompt Generation") are not here: they are admitted only by the prompting-technique
 * rule, whose titles always name prompts. The curated supplement is never in scope: it is checked by hand.
 */
export const DATA_SELECTION_SCOPES: readonly RuleScope[] = [
  // albalak, pre-training data selection.
  s('albalak', 'Language Filtering'),
  s('albalak', 'Heuristic Approaches'),
  s('albalak', 'Data Quality'),
  s('albalak', 'Domain-Specific Selection'),
  s('albalak', 'Data Deduplication'),
  s('albalak', 'Filtering Toxic and Explicit Content'),
  s('albalak', 'Specialized Selection for Multilingual Models'),
  s('albalak', 'Data Mixing'),
  // albalak, the four fine-tuning sections.
  s('albalak', 'Data Selection for Instruction-Tuning and Multitask Training'),
  s('albalak', 'Data Selection for Preference Fine-tuning: Alignment'),
  s('albalak', 'Data Selection for In-Context Learning'),
  s('albalak', 'Data Selection for Task-specific Fine-tuning'),
  // Other lists' data-selection sections.
  s('aiot', 'Data Selection for Efficient Pre-Training'),
  s('aiot', 'Data Selection for Efficient Fine-Tuning'),
  s('aiot', 'Demonstration Organization'),
  s('tiingweii', 'Importance Sampling'),
];

/**
 * Words by which a title says it is about data: data and datasets, corpora, examples and samples, instructions,
 * selection (subsets, core-sets), demonstrations and in-context/few-shot examples, prompts, curricula, and the
 * data operations of these sections (data pruning is covered by "data"; deduplication, filtering, annotation
 * and labels). "Pruning", "sampling" and "mixture" alone are not data words: they name model pruning, layer
 * sampling (LISA) and mixtures of experts (GLaM).
 */
export const DATA_TERMS: readonly RegExp[] = [
  /\bdata(?:sets?)?\b|\bcorp(?:us|ora)\b/i,
  /\bexamples?\b|\bexemplars?\b|\bsamples?\b/i,
  /\binstructions?\b/i,
  /\bselect(?:ion|ions|ing|ed)?\b|\bsubsets?\b|\bcore-?sets?\b/i,
  /\bdemonstrations?\b|\bin-context\b|\bfew-shot\b/i,
  /\bprompt(?:s|ing|ed)?\b/i,
  /\bcurricul(?:um|a)\b/i,
  /\bdedup\w*|\bdeduplicat\w*|\bfilter(?:s|ing|ed)?\b|\bannotat\w*|\blabel(?:s|ed|ing|led|ling)?\b/i,
];

/**
 * DATA_TERMS in words, for DATASET.md (the unit tests check that each word matches DATA_TERMS and that the
 * NOT_DATA_WORDS do not).
 */
export const DATA_TERM_WORDS: readonly string[] = [
  'data',
  'dataset(s)',
  'corpus/corpora',
  'example(s)',
  'exemplar(s)',
  'sample(s)',
  'instruction(s)',
  'select/selection/selecting/selected',
  'subset(s)',
  'core-set(s)',
  'demonstration(s)',
  'in-context',
  'few-shot',
  'prompt(s)/prompting/prompted',
  'curriculum/curricula',
  'dedup…/deduplication',
  'filter(s)/filtering/filtered',
  'annotation…',
  'label(s)/labeled/labeling',
];

/** Words that are deliberately not data words (see DATA_TERMS). */
export const NOT_DATA_WORDS: readonly string[] = ['pruning', 'sampling', 'mixture', 'selective', 'efficient'];

/** True when the title says it is about data (one of DATA_TERMS matches). */
export function isDataTitle(title: string): boolean {
  return DATA_TERMS.some((re) => re.test(title));
}

const inScope = (m: MergeInput, scopes: readonly RuleScope[]) =>
  scopes.some((sc) => sc.source === m.entry.source && sc.heading === m.entry.rule?.heading);

/** One entry's leaves that the rule dropped, and the leaves the paper keeps from other sources. */
export interface CrossListedDrop {
  member: MergeInput;
  dropped: LeafId[];
  /** Leaves other sources file the paper under (confidently, outside the data-selection sections). */
  keptFrom: { leaf: LeafId; source: Provenance['source'] }[];
}

/**
 * Apply the cross-listing rule to the entries of one paper. Returns the entries that lose leaves (in input
 * order); an entry whose leaves all stay is not returned. Pure.
 */
export function crossListedDrops(
  members: readonly MergeInput[],
  scopes: readonly RuleScope[] = DATA_SELECTION_SCOPES,
): CrossListedDrop[] {
  // Anchors: confident filings outside the data-selection sections.
  const anchors = members.filter(
    (m) =>
      m.disposition.kind === 'admitted' &&
      (m.disposition.confidence === 'confident' || m.disposition.confidence === 'curated') &&
      !inScope(m, scopes),
  );
  if (anchors.length === 0) return [];
  const out: CrossListedDrop[] = [];
  for (const m of members) {
    if (m.disposition.kind !== 'admitted' || !inScope(m, scopes) || isDataTitle(m.entry.title)) continue;
    const keptFrom = anchors.flatMap((a) =>
      a.entry.source !== m.entry.source && a.disposition.kind === 'admitted'
        ? a.disposition.leaves.map((leaf) => ({ leaf, source: a.entry.source }))
        : [],
    );
    const anchorLeaves = new Set(keptFrom.map((k) => k.leaf));
    // A leaf another source confirms stays; only leaves nobody else gives are dropped.
    const dropped = m.disposition.leaves.filter((l) => !anchorLeaves.has(l));
    if (keptFrom.length > 0 && dropped.length > 0) out.push({ member: m, dropped, keptFrom });
  }
  return out;
}
