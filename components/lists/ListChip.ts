import { getNode } from '../../lib/taxonomy';
import { areaOf } from '../overlay/taxonomy-view';

export interface ListChipProps {
  /** The entry's leaves (taxonomy leaf ids), in survey order; at most MAX_CHIP_LEAVES are drawn. */
  leaves: readonly string[];
  /** The paper is in the user's list: a ★ mark, also in the accessible name. */
  saved: boolean;
  /** The card of this entry is open. */
  expanded?: boolean;
}

/** Leaves drawn on a chip; more show as "+N" (a paper sits in 1–3 leaves, rarely more). */
export const MAX_CHIP_LEAVES = 2;

/**
 * The compact chip next to a list entry that is in the survey: the leaves' short codes coloured by area, a ★
 * when saved. One native button (keyboard: Tab, Enter, Space) whose accessible name says everything; the
 * codes are hidden from assistive technology. Deliberately few elements (a button and one span per code).
 *
 * Plain DOM rather than a Preact component, unlike the card and the bar: a listing has up to 2,000 chips, all
 * built in the task that handles DOMContentLoaded so that they are drawn with the page's first frame, and a
 * Preact render per chip cost about three times as much there. Still presentational: props in, DOM out.
 *
 * `renderListChip(container, props, onToggle)` draws the chip into `container` (a chip's shadow root) the first
 * time, and updates the same button in place afterwards (focus stays on it); `onToggle` (click, Enter, Space)
 * is bound once, on the first call.
 */
export function renderListChip(
  container: ParentNode & Node,
  { leaves, saved, expanded = false }: ListChipProps,
  onToggle?: () => void,
): HTMLButtonElement {
  const doc = container.ownerDocument ?? (container as unknown as Document);
  const existing = container.firstElementChild as HTMLButtonElement | null;
  if (existing?.localName !== 'button') {
    // First draw: a clone of a finished chip with the same props (one native call instead of about twenty
    // DOM calls; a listing's chips share a few dozen leaf combinations).
    const button = prototypeOf(doc, { leaves, saved, expanded }).cloneNode(true) as HTMLButtonElement;
    if (onToggle) button.addEventListener('click', onToggle);
    container.append(button);
    return button;
  }
  draw(existing, { leaves, saved, expanded });
  return existing;
}

/** Finished chips per document and props, cloned for every chip with the same props. */
const prototypes = new WeakMap<Document, Map<string, HTMLButtonElement>>();

function prototypeOf(doc: Document, props: Required<ListChipProps>): HTMLButtonElement {
  let byProps = prototypes.get(doc);
  if (!byProps) {
    byProps = new Map();
    prototypes.set(doc, byProps);
  }
  const key = `${props.leaves.join(',')}|${props.saved}|${props.expanded}`;
  let button = byProps.get(key);
  if (!button) {
    button = doc.createElement('button');
    button.type = 'button';
    button.className = 'el-list-chip';
    button.dataset.testid = 'list-chip';
    button.setAttribute('aria-haspopup', 'dialog');
    draw(button, props);
    byProps.set(key, button);
  }
  return button;
}

/** Labels and contents of a chip's button for these props. */
function draw(button: HTMLButtonElement, { leaves, saved, expanded }: Required<ListChipProps>): void {
  const doc = button.ownerDocument;
  const names = leaves.map((id) => getNode(id)?.name ?? id);
  const label = `In the efficiency survey: ${names.join(', ')}${saved ? '. Saved' : ''}. Show details`;
  button.dataset.saved = saved ? 'true' : 'false';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', expanded ? 'true' : 'false');
  button.title = label;

  const parts: HTMLElement[] = [];
  const shown = leaves.slice(0, MAX_CHIP_LEAVES);
  for (const leaf of shown) {
    const area = areaOf(leaf);
    parts.push(span(doc, 'el-chip', getNode(leaf)?.code ?? '?', area ? { area, leaf } : { leaf }));
  }
  if (leaves.length > shown.length) parts.push(span(doc, 'el-list-more', `+${leaves.length - shown.length}`));
  if (saved) parts.push(span(doc, 'el-list-saved', '★', { testid: 'list-chip-saved' }));
  button.replaceChildren(...parts);
}

function span(
  doc: Document,
  className: string,
  text: string,
  data: Record<string, string> = {},
): HTMLElement {
  const el = doc.createElement('span');
  el.className = className;
  for (const [key, value] of Object.entries(data)) el.dataset[key] = value;
  el.setAttribute('aria-hidden', 'true');
  el.textContent = text;
  return el;
}
