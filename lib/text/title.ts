/**
 * Title normalisation shared by the importer, the catalog and the site adapters. Two titles that a reader
 * would call "the same" (case, punctuation, LaTeX markup, accents, unicode dashes and quotes, spacing)
 * normalise to the same string.
 */

// LaTeX accent/format commands whose braces hold visible text: \emph{X} -> X, \"{o} -> o.
const LATEX_COMMAND = /\\[a-zA-Z]+\*?\s*(?=\{)|\\[`'^"~=.uvHcdbtk](?=\{?[a-zA-Z])/g;
// A command with no argument (\LaTeX, \alpha) keeps its name as a word.
const LATEX_BARE = /\\([a-zA-Z]+)/g;

/** Lower-case, accent-free, punctuation-free, single-spaced form of a title. Never throws. */
export function normalizeTitle(title: string): string {
  if (typeof title !== 'string') return '';
  return (
    title
      .replace(LATEX_COMMAND, '')
      .replace(LATEX_BARE, ' $1 ')
      // Braces and math delimiters group letters without separating words: Schr\"{o}dinger, {LoRA}.
      .replace(/[{}$]/g, '')
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** The words of a normalised title (for term-based ranking). */
export function titleTokens(title: string): string[] {
  const norm = normalizeTitle(title);
  return norm ? norm.split(' ') : [];
}
