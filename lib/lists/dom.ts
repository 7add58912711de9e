import { type ComponentChild, render } from 'preact';

/**
 * The page-side DOM of the lists UI: one small host element per chip (each with an open shadow root that
 * adopts ONE shared constructed stylesheet), one host for the card and one for the summary bar, and the
 * inline styles that hide or highlight entries. Nothing here reads layout except `anchorRect` (on a click).
 */

/** Tag of a chip's host element (a valid custom-element name, so it may have a shadow root). */
export const CHIP_TAG = 'efficiency-lens-chip';
/** Tag of the card's and the bar's host elements. */
export const PANEL_TAG = 'efficiency-lens-list';

/**
 * One stylesheet for every shadow root of the page: a constructed sheet is parsed once and adopted by
 * reference, where a <style> per chip would be parsed 2,000 times (and is subject to the page's CSP).
 */
export class SharedStyles {
  private sheet: CSSStyleSheet | null | undefined;
  constructor(
    private readonly doc: Document,
    private readonly css: string,
  ) {}

  apply(root: ShadowRoot): void {
    if (this.sheet === undefined) {
      this.sheet = null;
      const View = this.doc.defaultView as (Window & typeof globalThis) | null;
      try {
        if (View && 'adoptedStyleSheets' in root && typeof View.CSSStyleSheet === 'function') {
          const sheet = new View.CSSStyleSheet();
          sheet.replaceSync(this.css);
          this.sheet = sheet;
        }
      } catch {
        this.sheet = null;
      }
    }
    if (this.sheet) {
      root.adoptedStyleSheets = [this.sheet];
      return;
    }
    const style = this.doc.createElement('style');
    style.textContent = this.css;
    root.append(style);
  }
}

/** A host element with an open shadow root and a container to render into. */
export interface Host {
  host: HTMLElement;
  root: ShadowRoot;
  render(tree: ComponentChild): void;
  destroy(): void;
}

const hostPrototypes = new WeakMap<Document, Map<string, HTMLElement>>();

/** A new element `tag` with this inline style, cloned from one made once per document. */
function hostPrototype(doc: Document, tag: string, style: string): HTMLElement {
  let byKey = hostPrototypes.get(doc);
  if (!byKey) {
    byKey = new Map();
    hostPrototypes.set(doc, byKey);
  }
  const key = `${tag}|${style}`;
  let proto = byKey.get(key);
  if (!proto) {
    proto = doc.createElement(tag);
    proto.setAttribute('style', style);
    byKey.set(key, proto);
  }
  return proto.cloneNode(false) as HTMLElement;
}

function makeHost(
  doc: Document,
  tag: string,
  styles: SharedStyles,
  display: string,
  withRoot: boolean,
  extraStyle = '',
): Host {
  // Inline !important beats page rules such as `dt > * { display: none }`; `all: initial` resets inheritance.
  // A clone of a styled element: the style attribute is parsed once per page, not once per chip (2,000 chips
  // are made before the page's first frame, and parsing it was the largest DOM cost of making one).
  const host = hostPrototype(doc, tag, `all:initial!important;display:${display}!important;${extraStyle}`);
  const root = host.attachShadow({ mode: 'open' });
  styles.apply(root);
  // Chips render straight into the shadow root (one element less per chip, ×2,000); panels get the overlay's
  // `.el-root` wrapper, which carries the typography (the host's inline `all: initial` beats :host rules).
  let container: ParentNode & Node = root;
  if (withRoot) {
    const wrapper = doc.createElement('div');
    wrapper.className = 'el-root';
    root.append(wrapper);
    container = wrapper;
  }
  return {
    host,
    root,
    render: (tree) => render(tree, container as Element),
    destroy: () => {
      render(null, container as Element);
      host.remove();
    },
  };
}

/** A chip host, not yet in the document (insert with `placeChip`). */
export function createChipHost(doc: Document, styles: SharedStyles): Host {
  // An atomic inline aligned to the top of the line, as tall as the chip: the host's own (initial) font must
  // not add a strut of its own to the entry's line (see components/lists/styles.ts).
  return makeHost(
    doc,
    CHIP_TAG,
    styles,
    'inline-block',
    false,
    'vertical-align:top!important;line-height:0!important',
  );
}

/** Put a chip host after the entry's anchor, or first in the entry when the anchor is the entry itself. */
export function placeChip(host: HTMLElement, anchor: Element, entry: Element): void {
  if (anchor === entry) entry.prepend(host);
  else anchor.after(host);
}

/** A panel host (card or bar) appended to the body, positioned by the caller. */
export function createPanelHost(doc: Document, styles: SharedStyles, kind: 'card' | 'bar'): Host {
  const h = makeHost(doc, PANEL_TAG, styles, 'block', true);
  h.host.dataset.kind = kind;
  h.host.style.setProperty('z-index', '2147483000', 'important');
  if (kind === 'bar') {
    // Fixed in a corner: no layout shift of the page, and clear of the paper overlay (bottom right).
    h.host.style.setProperty('position', 'fixed', 'important');
    h.host.style.setProperty('left', '16px', 'important');
    h.host.style.setProperty('bottom', '16px', 'important');
  } else {
    h.host.style.setProperty('position', 'absolute', 'important');
  }
  (doc.body ?? doc.documentElement).append(h.host);
  return h;
}

/** Document coordinates of an element's box (a layout read: only on user action). */
export function anchorRect(el: Element): { left: number; top: number; bottom: number; width: number } {
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  const x = view?.scrollX ?? 0;
  const y = view?.scrollY ?? 0;
  return { left: r.left + x, top: r.top + y, bottom: r.bottom + y, width: r.width };
}

/**
 * Inline styles put on page elements (entries hidden or highlighted), remembered so they can be taken off
 * exactly: the page's own inline value of the same property comes back.
 */
export class EntryStyles {
  private readonly saved = new Map<HTMLElement, Map<string, [string, string]>>();

  set(el: Element, property: string, value: string): void {
    const style = (el as HTMLElement).style;
    if (!style) return;
    let props = this.saved.get(el as HTMLElement);
    if (!props) {
      props = new Map();
      this.saved.set(el as HTMLElement, props);
    }
    if (!props.has(property)) {
      props.set(property, [style.getPropertyValue(property), style.getPropertyPriority(property)]);
    }
    style.setProperty(property, value, 'important');
  }

  clear(el: Element, property: string): void {
    const props = this.saved.get(el as HTMLElement);
    const old = props?.get(property);
    if (!props || !old) return;
    const style = (el as HTMLElement).style;
    if (old[0] === '') style.removeProperty(property);
    else style.setProperty(property, old[0], old[1]);
    props.delete(property);
  }

  clearAll(): void {
    for (const [el, props] of this.saved) for (const property of [...props.keys()]) this.clear(el, property);
    this.saved.clear();
  }
}

/** Resolves after the browser had a chance to run other tasks (input, rendering). */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
