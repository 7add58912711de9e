/**
 * The classifier's text features: the catalog's canonical terms (lib/catalog/text.ts normTerms: normalised
 * title, plurals stripped, "large language models"/"LLMs" collapsed to "llm") minus English function words,
 * their adjacent pairs, and a 6-letter prefix of long words so that "quantization", "quantized" and
 * "quantizing" share evidence. Both training (scripts/train-classifier.ts) and the extension go through this
 * one function, so the features a model was trained on are exactly the ones it sees at prediction time.
 */
import { normTerms, STOP_WORDS } from '../catalog/text';
import { normalizeTitle } from '../text/title';

/** Words of at least this many letters also count through their prefix of PREFIX_LENGTH letters. */
const PREFIX_MIN_WORD = 8;
const PREFIX_LENGTH = 6;

/** Feature kinds, as prefixes of the feature strings (kept short: the vocabulary ships in the model). */
const BIGRAM_JOIN = '_';
const PREFIX_MARK = '~';

/** Terms of a text (title or abstract) without function words, in order. */
function contentTerms(text: string): string[] {
  return normTerms(normalizeTitle(text)).filter((t) => !STOP_WORDS.has(t));
}

/**
 * The features of one text with their counts: unigrams, bigrams of adjacent content terms ("low_rank") and
 * prefixes ("~quanti"). Never throws; a text with no letters or digits has no features.
 */
export function textFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (typeof text !== 'string') return counts;
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const terms = contentTerms(text);
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    add(term);
    if (term.length >= PREFIX_MIN_WORD && !/\d/.test(term)) add(PREFIX_MARK + term.slice(0, PREFIX_LENGTH));
    const next = terms[i + 1];
    if (next !== undefined) add(term + BIGRAM_JOIN + next);
  }
  return counts;
}
