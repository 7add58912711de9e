import { getNode } from '../../lib/taxonomy';
import { areaOf } from '../overlay/taxonomy-view';

export interface ListChipProps {
  /** The entry's leaves (taxonomy leaf ids), in survey order; at most MAX_CHIP_LEAVES are drawn. */
  leaves: readonly string[];
  /** The paper is in the user's list: a ★ mark, also in the accessible name. */
  saved: boolean;
  /** The card of this entry is open. */
  expanded?: boolean;
  /** Click or Enter/Space (a native button): open or close the card. */
  onToggle: () => void;
}

/** Leaves drawn on a chip; more show as "+N" (a paper sits in 1–3 leaves, rarely more). */
export const MAX_CHIP_LEAVES = 2;

/**
 * The compact chip next to a list entry that is in the survey: the leaves' short codes coloured by area, a ★
 * when saved. One native button (keyboard: Tab, Enter, Space) whose accessible name says everything; the
 * codes are hidden from assistive technology. Deliberately few elements (a button and one span per code):
 * a listing shows up to 2,000 of these, and every element is styled and laid out by the page's renderer.
 */
export function ListChip({ leaves, saved, expanded = false, onToggle }: ListChipProps) {
  const shown = leaves.slice(0, MAX_CHIP_LEAVES);
  const names = leaves.map((id) => getNode(id)?.name ?? id);
  const label = `In the efficiency survey: ${names.join(', ')}${saved ? '. Saved' : ''}. Show details`;
  return (
    <button
      type="button"
      class="el-list-chip"
      data-testid="list-chip"
      data-saved={saved ? 'true' : 'false'}
      aria-label={label}
      aria-expanded={expanded}
      aria-haspopup="dialog"
      title={label}
      onClick={onToggle}
    >
      {shown.map((leaf) => {
        const node = getNode(leaf);
        return (
          <span key={leaf} class="el-chip" data-area={areaOf(leaf)} data-leaf={leaf} aria-hidden="true">
            {node?.code ?? '?'}
          </span>
        );
      })}
      {leaves.length > shown.length && (
        <span class="el-list-more" aria-hidden="true">
          +{leaves.length - shown.length}
        </span>
      )}
      {saved && (
        <span class="el-list-saved" data-testid="list-chip-saved" aria-hidden="true">
          ★
        </span>
      )}
    </button>
  );
}
