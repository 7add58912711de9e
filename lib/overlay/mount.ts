import { type ComponentChild, render } from 'preact';
import type { Placement } from './placement';

/**
 * The overlay's host element: a custom element with an OPEN shadow root (page CSS cannot reach in, our CSS
 * cannot leak out, and tests can pierce it), positioned outside the page's flow so that mounting it never shifts
 * the page's layout. Unmounting renders null into the root (Preact cleans up its listeners) and removes the host.
 */
export const HOST_TAG = 'efficiency-lens-overlay';

export interface MountedOverlay {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  render(tree: ComponentChild): void;
  place(placement: Placement): void;
  /** True while the host is still in the document (pages may remove or move it). */
  isAttached(): boolean;
  /** Put the host back if the page removed it. */
  reattach(): void;
  destroy(): void;
}

/**
 * Styles go in through a constructed stylesheet where the browser has one: unlike an inline <style>, an adopted
 * sheet is not subject to the page's CSP style-src.
 */
function applyStyles(doc: Document, root: ShadowRoot, css: string): void {
  const View = doc.defaultView as (Window & typeof globalThis) | null;
  try {
    if (View && 'adoptedStyleSheets' in root && typeof View.CSSStyleSheet === 'function') {
      const sheet = new View.CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // Fall through to a <style> element (older engines, or a page that broke CSSStyleSheet).
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** Create the host, attach it to the document and return the handle. */
export function mountOverlay(doc: Document, css: string): MountedOverlay {
  const host = doc.createElement(HOST_TAG);
  // Inline styles on the host beat page rules such as `body > * { display: none }` or `* { position: static }`.
  host.style.setProperty('all', 'initial', 'important');
  host.style.setProperty('z-index', '2147483000', 'important');
  host.style.setProperty('display', 'block', 'important');
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(doc, root, css);
  const container = doc.createElement('div');
  // The stylesheet's typography hangs on this class: the host's inline `all: initial !important` beats :host.
  container.className = 'el-root';
  // The card's text is an LTR locale's (en, zh_CN): without this it inherits `direction` from the page (`all`
  // does not reset direction), and on a `dir=rtl` page its rows and punctuation came out mirrored.
  container.dir = 'ltr';
  root.append(container);
  const parent = () => doc.body ?? doc.documentElement;
  parent().append(host);

  return {
    host,
    root,
    render(tree) {
      render(tree, container);
    },
    place(placement) {
      const set = (name: string, value: string) => host.style.setProperty(name, value, 'important');
      if (placement.mode === 'absolute') {
        set('position', 'absolute');
        set('left', `${Math.round(placement.left)}px`);
        set('top', `${Math.round(placement.top)}px`);
        set('right', 'auto');
        set('bottom', 'auto');
        set('width', `${Math.round(placement.width)}px`);
      } else {
        set('position', 'fixed');
        set('left', 'auto');
        set('top', 'auto');
        set('right', '16px');
        set('bottom', '16px');
        set('width', 'min(22.5em, calc(100vw - 32px))');
      }
    },
    isAttached() {
      return host.isConnected;
    },
    reattach() {
      if (!host.isConnected) parent().append(host);
    },
    destroy() {
      render(null, container);
      host.remove();
    },
  };
}
