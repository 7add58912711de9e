/**
 * Author names as stored (free text from arXiv/OpenReview pages: usually "First Last", sometimes
 * "Last, First") split into the parts that BibTeX, CSL-JSON and RIS want. The split follows BibTeX's own
 * rules, so exporting "Family, Given" never changes how BibTeX reads a name: with a comma, what precedes it is
 * the family name; without, the family name is the last word plus any lower-case particles before it
 * ("Ludwig van Beethoven" -> "van Beethoven"). A single word (a mononym, an organisation, a CJK name written
 * without spaces) is kept whole as a literal.
 */

/** A name split into parts, or kept whole. */
export type ParsedName =
  | { kind: 'person'; family: string; given: string; suffix: string }
  | { kind: 'literal'; literal: string };

// Generational suffixes only: a lone "V" is far more often an initial than "the fifth".
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;
const LOWER_INITIAL = /^\p{Ll}/u;

function splitSpaced(tokens: string[]): { family: string; given: string; suffix: string } {
  let suffix = '';
  if (tokens.length > 2 && SUFFIX.test(tokens[tokens.length - 1]!)) suffix = tokens.pop()!;
  // BibTeX's "First von Last": the family name starts at the first lower-case word that is not the last word.
  let start = tokens.length - 1;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (LOWER_INITIAL.test(tokens[i]!)) {
      start = i;
      break;
    }
  }
  return { family: tokens.slice(start).join(' '), given: tokens.slice(0, start).join(' '), suffix };
}

/** Split one stored author name (never throws; empty input gives an empty literal). */
export function parseAuthorName(name: string): ParsedName {
  const text = String(name).replace(/\s+/g, ' ').trim();
  if (text.includes(',')) {
    const parts = text.split(',').map((part) => part.trim());
    if (parts.length === 2 && SUFFIX.test(parts[1]!)) {
      // "Martin Luther King, Jr."
      const tokens = parts[0]!.split(' ').filter(Boolean);
      if (tokens.length >= 2) return { kind: 'person', ...splitSpaced(tokens), suffix: parts[1]! };
    }
    const family = parts[0]!;
    if (family !== '') {
      if (parts.length >= 3) {
        // BibTeX's "von Last, Jr, First".
        return {
          kind: 'person',
          family,
          suffix: parts[1]!,
          given: parts.slice(2).filter(Boolean).join(', '),
        };
      }
      return { kind: 'person', family, given: parts[1] ?? '', suffix: '' };
    }
    return { kind: 'literal', literal: text };
  }
  const tokens = text.split(' ').filter(Boolean);
  if (tokens.length < 2) return { kind: 'literal', literal: text };
  return { kind: 'person', ...splitSpaced(tokens) };
}

/** The family name without leading particles ("van Beethoven" -> "Beethoven"), for citation keys. */
export function sortingFamily(name: ParsedName): string {
  if (name.kind === 'literal') return name.literal;
  const tokens = name.family.split(' ');
  while (tokens.length > 1 && LOWER_INITIAL.test(tokens[0]!)) tokens.shift();
  return tokens.join(' ');
}

/** "Family, Given" (with ", Suffix" before the given name, BibTeX's three-part form) or the literal. */
export function familyFirst(name: ParsedName): string {
  if (name.kind === 'literal') return name.literal;
  if (name.suffix) return `${name.family}, ${name.suffix}, ${name.given}`.trimEnd();
  return name.given ? `${name.family}, ${name.given}` : name.family;
}
