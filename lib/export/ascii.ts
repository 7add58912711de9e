/**
 * ASCII folding for citation keys: BibTeX keys must be plain ASCII (bibtex8 and many LaTeX setups choke on
 * anything else), so "Schrödinger" becomes "schrodinger", "Łukasz" "lukasz", and Greek or Cyrillic names are
 * transliterated. Scripts without a simple letter mapping (CJK, Hebrew, Arabic…) fold to nothing, and the
 * caller falls back to another part of the key.
 */

// Letters that NFKD does not decompose into base + mark.
const LATIN_EXTRA: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ȷ: 'j',
  ŋ: 'ng',
  ĸ: 'q',
};

// Simple one-way transliteration (ELOT 743 / ISO 9-like, simplified); only ever used to build keys.
const GREEK: Readonly<Record<string, string>> = {
  α: 'a',
  β: 'b',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Lower-case ASCII letters and digits only: accents stripped, Greek/Cyrillic transliterated, the rest dropped. */
export function asciiFold(text: string): string {
  let out = '';
  // Lower-case first (the tables are lower-case), then drop the marks NFKD splits off ("ö" -> "o" + ¨), then
  // the one Greek digraph that reads wrong letter by letter ("ου" is "ou", not "oy"). "й" is a letter of its
  // own, not "и" with a mark, so it is mapped before NFKD can split it.
  const letters = text
    .toLowerCase()
    .replace(/й/g, 'y')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ου/g, 'ou');
  for (const ch of letters) {
    if (/[a-z0-9]/.test(ch)) out += ch;
    else out += LATIN_EXTRA[ch] ?? GREEK[ch] ?? CYRILLIC[ch] ?? '';
  }
  return out;
}
