/**
 * What happens to each entry: imported under leaves (a confident heading, the curated supplement, or a per-paper
 * rule in an ambiguous heading), kept as a negative (out-of-scope heading), or dropped with a reason.
 */
import type { LeafId } from '../taxonomy';
import type { RawEntry } from './entries';
import { matchRule, type TitleRule } from './rules';

export type Disposition =
  | { kind: 'admitted'; leaves: LeafId[]; confidence: 'confident' | 'rule' | 'curated'; rule: string | null }
  /** Out-of-scope heading (and not admitted by a rule): a negative example. */
  | { kind: 'negative' }
  /** Ambiguous heading mapped to a leaf, no rule admitted the title. */
  | { kind: 'ambiguous' }
  /** Heading mapped to "skip" (TOCs, tools, news digests, blogs). */
  | { kind: 'skipped' }
  /** No heading of the entry's path is listed in data/sources.json. */
  | { kind: 'unmapped' }
  /** The entry links to no paper (only code, blogs or product pages). */
  | { kind: 'no-paper-link' };

/** Decide the fate of one entry. Pure. */
export function classify(entry: RawEntry, rules: readonly TitleRule[]): Disposition {
  const rule = entry.rule;
  if (!rule) return { kind: 'unmapped' };
  if (rule.leaf === 'skip') return { kind: 'skipped' };
  if (!entry.hasPaperLink) return { kind: 'no-paper-link' };
  if (entry.override)
    return { kind: 'admitted', leaves: [entry.override.leaf], confidence: 'confident', rule: null };
  if (rule.confidence === 'confident') {
    if (rule.leaf === 'out-of-scope') return { kind: 'negative' };
    return {
      kind: 'admitted',
      leaves: [rule.leaf],
      confidence: entry.source === 'curated' ? 'curated' : 'confident',
      rule: null,
    };
  }
  const hit = matchRule(rules, entry.source, rule.heading, entry.title);
  if (hit) return { kind: 'admitted', leaves: [...hit.leaves], confidence: 'rule', rule: hit.name };
  return rule.leaf === 'out-of-scope' ? { kind: 'negative' } : { kind: 'ambiguous' };
}
