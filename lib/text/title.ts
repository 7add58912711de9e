/**
 * Title normalisation shared by the importer, the catalog and the site adapters. Two titles that a reader
 * would call "the same" (case, punctuation, LaTeX markup, accents, unicode dashes and quotes, spacing)
 * normalise to the same string.
 */

// LaTeX text-symbol commands that stand for letters: Gro\ss{}e, \L{}ukasz, Erd\H{o}s's \o. In TeX the space or
// empty group after a control word only ends it, so both are swallowed and the letters join their word.
const LATEX_LETTERS: Readonly<Record<string, string>> = {
  ss: 'ss',
  ae: 'ae',
  AE: 'AE',
  oe: 'oe',
  OE: 'OE',
  aa: 'a',
  AA: 'A',
  o: 'o',
  O: 'O',
  l: 'l',
  L: 'L',
  i: 'i',
  j: 'j',
};
const LATEX_LETTER = /\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![a-zA-Z])(?:\s*\{\}|\s+)?/g;
// LaTeX accent/format commands whose braces hold visible text: \emph{X} -> X, \"{o} -> o. A command followed
// by an empty group (\LaTeX{}) has no argument and is left to LATEX_BARE.
const LATEX_COMMAND = /\\[a-zA-Z]+\*?\s*(?=\{(?!\}))|\\[`'^"~=.uvHcdbtk](?=\{?[a-zA-Z])/g;
// A command with no argument (\LaTeX, \alpha) keeps its name as a word.
const LATEX_BARE = /\\([a-zA-Z]+)/g;
// Letters with a stroke or ligatures that unicode does not decompose, folded like accents: Łukasz = Lukasz.
const FOLD: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', æ: 'ae', œ: 'oe' };

/**
 * ASCII without the characters LaTeX markup needs (backslash, braces, dollar): most titles. On such text every
 * step of the full normalisation is the identity except lower-casing and the punctuation rule.
 */
const PLAIN_ASCII = /^[\x00-\x23\x25-\x5b\x5d-\x7a\x7c\x7e\x7f]*$/;

/** Lower-case, accent-free, punctuation-free, single-spaced form of a title. Never throws. */
export function normalizeTitle(title: string): string {
  if (typeof title !== 'string') return '';
  // The same result as the full pipeline (title.property.test.ts compares them), several times faster: the
  // lists content script normalises up to 2,000 listing titles before the page's first frame.
  if (PLAIN_ASCII.test(title))
    return title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return normalizeFull(title);
}

/** normalizeTitle without its plain-ASCII shortcut (exported for the test that proves the two agree). */
export function normalizeFull(title: string): string {
  return (
    title
      // One normal form first, so that LaTeX commands are found the same way in every form of the same text
      // (NFD splits "ç" into "c" + cedilla, and "\\ç" would then read as the command \c). Invisible format
      // characters (soft hyphen, zero-width space/joiners, direction marks) go too: copied from PDFs and web
      // pages they sit inside words, and a reader does not see them.
      .normalize('NFKC')
      .replace(/\p{Cf}+/gu, '')
      .replace(LATEX_LETTER, (_, name: string) => LATEX_LETTERS[name] ?? '')
      .replace(LATEX_COMMAND, '')
      .replace(LATEX_BARE, ' $1 ')
      // Braces and math delimiters group letters without separating words: Schr\"{o}dinger, {LoRA}.
      .replace(/[{}$]/g, '')
      // Upper-then-lower case folds what lower-casing alone keeps apart from its capital (ß/SS, ı/I, ϲ/Ϲ,
      // ᾳ/ΑΙ). It runs before and after the compatibility decomposition, which can produce capitals
      // (ℂ -> C) and marks (İ -> i + dot); marks go last, once every step that makes them has run.
      .toUpperCase()
      .toLowerCase()
      .normalize('NFKD')
      .toUpperCase()
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      // JS lower-cases Σ to ς or σ by context, and the context changes as punctuation is dropped.
      .replace(/ς/g, 'σ')
      .replace(/[łøđħæœ]/g, (ch) => FOLD[ch] ?? ch)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/** The words of a normalised title (for term-based ranking). */
export function titleTokens(title: string): string[] {
  const norm = normalizeTitle(title);
  return norm ? norm.split(' ') : [];
}
