/**
 * Venue normalisation. The lists write venues in many shapes ("NeurlPS, 2022", "ICLR'24", "EMNLP'24%20Findings",
 * "ICLR2020", "ACL-IJCNLP 2021", "IEEE SC20", "Arxiv 2024"). We keep only real venues, spelt one way:
 * "<NAME> <YEAR>", "Findings of <NAME> <YEAR>", or "<NAME> <YEAR> Workshop|Demo|Industry Track|Tutorial".
 * "arXiv", "Github", "Blog" and the like are not venues. Unknown venue names (journals such as "AI Open") are
 * kept as written, with the year appended.
 */
import type { SourceId } from '../dataset/schema';
import { chooseValue } from './titles';

export interface NormalizedVenue {
  venue: string | null;
  year: number | null;
}

interface Alias {
  name: string;
  /** Words (lower-case unless exact) that spell the venue. */
  words: readonly string[];
  /** Short words that are also English words must match case-sensitively. */
  exact?: boolean;
}

// Order matters only for multi-venue strings ("LREC-COLING'24", "ACL-IJCNLP"): the first venue written wins.
const ALIASES: readonly Alias[] = [
  { name: 'NeurIPS', words: ['neurips', 'nips', 'neurlps'] },
  { name: 'ICLR', words: ['iclr'] },
  { name: 'ICML', words: ['icml'] },
  { name: 'ACL', words: ['acl'] },
  { name: 'EMNLP', words: ['emnlp'] },
  { name: 'NAACL', words: ['naacl'] },
  { name: 'EACL', words: ['eacl'] },
  { name: 'AACL', words: ['aacl'] },
  { name: 'COLING', words: ['coling'] },
  { name: 'LREC', words: ['lrec'] },
  { name: 'CoNLL', words: ['conll'] },
  { name: 'IWSLT', words: ['iwslt'] },
  { name: 'SemEval', words: ['semeval'] },
  { name: 'TACL', words: ['tacl'] },
  { name: 'COLM', words: ['colm'] },
  { name: 'TMLR', words: ['tmlr'] },
  { name: 'JMLR', words: ['jmlr'] },
  { name: 'AAAI', words: ['aaai'] },
  { name: 'IJCAI', words: ['ijcai'] },
  { name: 'UAI', words: ['uai'] },
  { name: 'AISTATS', words: ['aistats'] },
  { name: 'COLT', words: ['colt'] },
  { name: 'CVPR', words: ['cvpr'] },
  { name: 'ICCV', words: ['iccv'] },
  { name: 'ECCV', words: ['eccv'] },
  { name: 'ICASSP', words: ['icassp'] },
  { name: 'INTERSPEECH', words: ['interspeech'] },
  { name: 'KDD', words: ['kdd', 'sigkdd'] },
  { name: 'SIGIR', words: ['sigir'] },
  { name: 'SIGMOD', words: ['sigmod'] },
  { name: 'VLDB', words: ['vldb', 'pvldb'] },
  { name: 'MLSys', words: ['mlsys'] },
  { name: 'OSDI', words: ['osdi'] },
  { name: 'SOSP', words: ['sosp'] },
  { name: 'NSDI', words: ['nsdi'] },
  { name: 'EuroSys', words: ['eurosys'] },
  { name: 'ASPLOS', words: ['asplos'] },
  { name: 'ISCA', words: ['isca'] },
  { name: 'HPCA', words: ['hpca'] },
  { name: 'ICCAD', words: ['iccad'] },
  { name: 'ASP-DAC', words: ['aspdac'] },
  { name: 'DAC', words: ['DAC'], exact: true },
  { name: 'MICRO', words: ['MICRO'], exact: true },
  { name: 'PPoPP', words: ['ppopp'] },
  { name: 'ICPP', words: ['icpp'] },
  { name: 'IPDPS', words: ['ipdps'] },
  { name: 'SC', words: ['SC'], exact: true },
  { name: 'USENIX ATC', words: ['ATC'], exact: true },
  { name: 'IEEE TPAMI', words: ['tpami'] },
  { name: 'IJCV', words: ['ijcv'] },
  { name: 'PNAS', words: ['pnas'] },
];

// Strings that name no venue at all.
const NOT_A_VENUE =
  /^(?:arxiv|arxiv preprint|preprint|corr|pmlr|github|blog|website|openreview|tbd|under review|technical report|tech report|report|huggingface|n\/a|none|-|anthropic|openai|google|google deepmind|deepmind|meta|meta ai|microsoft|nvidia)$/i;
// Theses and similar are publications but not venues.
const NOT_A_VENUE_WORD = /\bthesis\b|\bdissertation\b/i;

type Qualifier = 'Findings' | 'Workshop' | 'Demo' | 'Industry Track' | 'Tutorial';
const QUALIFIERS: readonly [RegExp, Qualifier][] = [
  [/findings/i, 'Findings'],
  [/workshop|\benlsp\b|\bes[\s-]?fomo\b|\bwant\b|\bsrw\b|\bprivatenlp\b|\bdeelio\b/i, 'Workshop'],
  [/\bdemo(?:s|nstrations?)?\b/i, 'Demo'],
  [/\bindustry\b/i, 'Industry Track'],
  [/\btutorial\b/i, 'Tutorial'],
];

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function aliasOf(word: string): Alias | null {
  for (const alias of ALIASES) {
    const hit = alias.exact ? alias.words.includes(word) : alias.words.includes(word.toLowerCase());
    if (hit) return alias;
  }
  return null;
}

/**
 * First venue named by the words; "SC20" and "ICLR24" also count (returning the glued two-digit year), and
 * "ICLRW" is the venue's workshop.
 */
function findAlias(
  words: readonly string[],
): { alias: Alias; glued: number | null; workshop: boolean } | null {
  for (const w of words) {
    const alias = aliasOf(w);
    if (alias) return { alias, glued: null, workshop: false };
    const ws = /^([A-Za-z]{3,})W$/.exec(w);
    const wsAlias = ws?.[1] ? aliasOf(ws[1]) : null;
    if (wsAlias) return { alias: wsAlias, glued: null, workshop: true };
    const g = /^([A-Za-z]+)(\d{2})$/.exec(w);
    const gAlias = g?.[1] ? aliasOf(g[1]) : null;
    if (gAlias) return { alias: gAlias, glued: 2000 + Number(g?.[2]), workshop: false };
  }
  return null;
}

/** Pull a year out of a venue string: "2024", "ICLR2020", "ICLR'24", "ACL24'Findings", "SC20". */
function takeYear(s: string): { year: number | null; rest: string } {
  const four = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(s);
  if (four?.[1]) return { year: Number(four[1]), rest: s.replace(four[0], ' ') };
  const apos = /['’](\d{2})(?!\d)/.exec(s) ?? /(?<=[A-Za-z])(\d{2})['’]/.exec(s);
  if (apos?.[1]) return { year: 2000 + Number(apos[1]), rest: s.replace(apos[0], ' ') };
  const glued = /(?<=\b[A-Za-z]{2,8})(\d{2})\b/.exec(s);
  if (glued?.[1]) return { year: 2000 + Number(glued[1]), rest: s.replace(glued[0], ' ') };
  return { year: null, rest: s };
}

/**
 * Normalise a venue as written by a list. Returns the canonical venue (or null when it names no venue, such as
 * "arXiv 2024") and the year it states, if any. Never throws.
 */
export function normalizeVenue(raw: string | null | undefined): NormalizedVenue {
  if (typeof raw !== 'string') return { venue: null, year: null };
  const cleaned = safeDecode(raw)
    .replace(/[[\](){}<>*_"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,.;:—–-]+|[\s,.;:—–-]+$/g, '');
  if (!cleaned) return { venue: null, year: null };
  const taken = takeYear(cleaned);
  const rest = taken.rest;
  let year = taken.year;
  const name = rest
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s,.;:@—–-]+|[\s,.;:@—–-]+$/g, '');
  if (!name || NOT_A_VENUE.test(name) || NOT_A_VENUE_WORD.test(name) || /^arxiv\b/i.test(name))
    return { venue: null, year };
  const words = name.split(/[\s,/@'’.-]+/).filter(Boolean);
  const found = findAlias(words);
  if (!found) {
    // An unknown venue (a journal, a small workshop): keep it as written.
    return { venue: year ? `${name} ${year}` : name, year };
  }
  year ??= found.glued;
  const qualifier = found.workshop ? 'Workshop' : (QUALIFIERS.find(([re]) => re.test(name))?.[1] ?? null);
  const base = year ? `${found.alias.name} ${year}` : found.alias.name;
  if (qualifier === 'Findings') return { venue: `Findings of ${base}`, year };
  return { venue: qualifier ? `${base} ${qualifier}` : base, year };
}

/**
 * Venue implied by an ACL Anthology id: "2023.emnlp-main.625" → EMNLP 2023, "2022.findings-acl.15" → Findings
 * of ACL 2022, "P19-1355" → ACL 2019. Null for workshops and ids we cannot read with certainty.
 */
export function venueFromAclId(id: string): string | null {
  const m = /^(\d{4})\.([a-z]+)-([a-z]+)\.\d+$/i.exec(id);
  if (m) {
    const [, year, a, b] = m as unknown as [string, string, string, string];
    const known = new Set(['acl', 'emnlp', 'naacl', 'eacl', 'aacl', 'coling', 'lrec', 'tacl', 'conll']);
    if (a.toLowerCase() === 'findings' && known.has(b.toLowerCase()))
      return normalizeVenue(`${b} Findings ${year}`).venue;
    if (!known.has(a.toLowerCase())) return null;
    const track = b.toLowerCase();
    if (track === 'main' || track === 'long' || track === 'short')
      return normalizeVenue(`${a} ${year}`).venue;
    if (track === 'demo' || track === 'demos') return normalizeVenue(`${a} ${year} demo`).venue;
    if (track === 'industry') return normalizeVenue(`${a} ${year} industry`).venue;
    return null;
  }
  // Old-style ids: the letter names the venue, the two digits the year.
  const old = /^([PDNEQLC])(\d{2})-\d{4}$/.exec(id);
  if (old) {
    const venue = { P: 'ACL', D: 'EMNLP', N: 'NAACL', E: 'EACL', Q: 'TACL', L: 'LREC', C: 'COLING' }[
      old[1] as 'P'
    ];
    const yy = Number(old[2]);
    return `${venue} ${yy >= 50 ? 1900 + yy : 2000 + yy}`;
  }
  return null;
}

/** A venue vote: a normalised venue and the source that gave it. */
export interface VenueVote {
  value: string;
  source: SourceId;
}

const WORKSHOP = / Workshop$/;
const venueYear = (venue: string): number | null => {
  const m = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(venue);
  return m?.[1] ? Number(m[1]) : null;
};

/**
 * Workshop venues among the votes that another vote supersedes: a non-workshop venue (main conference, Findings,
 * journal) of the same year or the next. Workshops are non-archival, and a workshop paper that reappears at a
 * conference is published there; the conference is often the next year's (Sheared LLaMA: NeurIPS 2023 ENLSP
 * workshop, then ICLR 2024). A later workshop never supersedes anything.
 */
export function supersededWorkshops(venues: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of venues) {
    if (!WORKSHOP.test(w)) continue;
    const wy = venueYear(w);
    if (wy === null) continue;
    const main = venues.some((v) => {
      if (WORKSHOP.test(v)) return false;
      const y = venueYear(v);
      return y !== null && (y === wy || y === wy + 1);
    });
    if (main) out.add(w);
  }
  return out;
}

/**
 * The record's venue when sources disagree: the curated supplement's, else the most supported venue (then
 * source priority) after dropping workshops that a same-year or next-year archival venue supersedes. Null
 * without votes.
 */
export function chooseVenue(votes: readonly VenueVote[], priority: readonly SourceId[]): string | null {
  const curated = votes.filter((v) => v.source === 'curated');
  if (curated.length > 0) return chooseValue(curated, priority);
  const superseded = supersededWorkshops(votes.map((v) => v.value));
  return chooseValue(
    votes.filter((v) => !superseded.has(v.value)),
    priority,
  );
}
