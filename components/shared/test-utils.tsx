/**
 * Test helpers for the presentational components (imported only by *.test.tsx files). They render into an
 * open shadow root, as the content script does, and read the DOM the way assistive technology would.
 */
import { type ComponentChild, render } from 'preact';
import type { RelatedWork } from '../../lib/catalog/types';
import { PaperRecord } from '../../lib/dataset/schema';
import { normalizeTitle } from '../../lib/text/title';

export interface Mounted {
  root: ShadowRoot;
  host: HTMLElement;
  /** Re-render with new props into the same root (what the content script does on each state change). */
  rerender(vnode: ComponentChild): void;
  $(selector: string): HTMLElement | null;
  $$(selector: string): HTMLElement[];
  unmount(): void;
}

/** Render a vnode into a fresh open shadow root attached to document.body. */
export function mount(vnode: ComponentChild): Mounted {
  const host = document.createElement('efficiency-lens-test');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  render(vnode, root);
  return {
    root,
    host,
    rerender: (next) => render(next, root),
    $: (selector) => root.querySelector<HTMLElement>(selector),
    $$: (selector) => [...root.querySelectorAll<HTMLElement>(selector)],
    unmount: () => {
      render(null, root);
      host.remove();
    },
  };
}

/** Text a screen reader would read: aria-hidden subtrees skipped, whitespace collapsed. */
export function spokenText(node: Node): string {
  const parts: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeType === 3) parts.push(n.textContent ?? '');
    else if (n.nodeType === 1 && (n as Element).getAttribute('aria-hidden') !== 'true')
      n.childNodes.forEach(walk);
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Accessible name, simplified: aria-label, else the spoken text of the contents. */
export function accessibleName(el: Element): string {
  return el.getAttribute('aria-label')?.trim() || spokenText(el);
}

/** The button whose accessible name is exactly `name`, or null. */
export function buttonByName(scope: ParentNode, name: string): HTMLButtonElement | null {
  return [...scope.querySelectorAll('button')].find((b) => accessibleName(b) === name) ?? null;
}

/** A valid PaperRecord (checked with the zod schema, so fixtures cannot drift from the format). */
export function makeRecord(overrides: Partial<PaperRecord> = {}): PaperRecord {
  const title = overrides.title ?? 'A Paper About Efficiency';
  return PaperRecord.parse({
    id: 'arxiv:2306.00978',
    arxivId: '2306.00978',
    openreviewId: null,
    title,
    normTitle: normalizeTitle(title) || 'x',
    year: 2023,
    venue: null,
    links: { code: [], openreview: null, other: [] },
    leaves: ['quantization'],
    isSurvey: false,
    titleVariants: [],
    provenance: [
      {
        source: 'huangowen',
        file: 'HuangOwen__Awesome-LLM-Compression.md',
        heading: ['Papers', 'Quantization'],
        line: 10,
        leaf: 'quantization',
        confidence: 'confident',
        title,
      },
    ],
    ...overrides,
  });
}

/** A RelatedWork around a record built by makeRecord. */
export function makeRelated(
  overrides: Partial<PaperRecord>,
  reason = 'same leaf: Quantization',
): RelatedWork {
  const record = makeRecord(overrides);
  return { record, score: 0.5, reason, sharedLeaves: record.leaves.slice(0, 1) };
}

/** nodeHref used in tests: a fake extension page URL. */
export const testNodeHref = (nodeId: string) => `chrome-extension://abc/taxonomy.html#${nodeId}`;
