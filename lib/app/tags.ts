import { LIBRARY_EDIT_LIMITS } from '../db/schema';
import { t } from './i18n';

/**
 * Tags as the user types them: "llm, to cite,  quantization" becomes three tags. Whitespace inside a tag is
 * collapsed, tags differing only in case are the same tag (the first spelling wins), and the library's caps
 * (LIBRARY_EDIT_LIMITS: what updateLibraryItem and bulkUpdateLibrary accept) are enforced here so a bad edit is refused in the page with a reason, not by the background.
 */

/** Collapse whitespace and trim; '' for a tag with no visible characters. */
export function cleanTag(tag: string): string {
  return tag.replace(/\s+/g, ' ').trim();
}

/** Split user input on commas (ASCII or full-width) and newlines into clean, distinct tags. */
export function parseTagInput(input: string): string[] {
  return dedupeTags(input.split(/[,，、\n]/).map(cleanTag));
}

/** Distinct non-empty tags, case-insensitively, first spelling kept, in order. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const clean = cleanTag(tag);
    const folded = clean.toLowerCase();
    if (!clean || seen.has(folded)) continue;
    seen.add(folded);
    out.push(clean);
  }
  return out;
}

/** Longest tag and most tags per paper the library accepts from an edit. */
export const TAG_LIMITS = { length: LIBRARY_EDIT_LIMITS.tag, count: LIBRARY_EDIT_LIMITS.tags } as const;

/** Why a set of tags cannot be stored, or null when it can. */
export function tagProblem(
  tags: readonly string[],
): { kind: 'too-long'; tag: string } | { kind: 'too-many' } | null {
  const long = tags.find((tag) => tag.length > LIBRARY_EDIT_LIMITS.tag);
  if (long !== undefined) return { kind: 'too-long', tag: long };
  if (tags.length > LIBRARY_EDIT_LIMITS.tags) return { kind: 'too-many' };
  return null;
}

/** `tags` plus the new ones (no duplicates). */
export function addTags(tags: readonly string[], added: readonly string[]): string[] {
  return dedupeTags([...tags, ...added]);
}

/** `tags` without `removed` (case-insensitive). */
export function removeTags(tags: readonly string[], removed: readonly string[]): string[] {
  const drop = new Set(removed.map((tag) => cleanTag(tag).toLowerCase()));
  return tags.filter((tag) => !drop.has(tag.toLowerCase()));
}

/** A tag problem as a sentence in the UI language. */
export function describeTagProblem(problem: NonNullable<ReturnType<typeof tagProblem>>): string {
  if (problem.kind === 'too-many') return t('error_tooManyTags', TAG_LIMITS.count);
  const shown = problem.tag.length > 40 ? `${problem.tag.slice(0, 40)}…` : problem.tag;
  return t('error_tagTooLong', [shown, TAG_LIMITS.length]);
}
