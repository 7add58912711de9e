/**
 * Helpers of the lists e2e test and the lists benchmark: a generated arXiv listing of any size (built from the
 * hand-written fixture's own markup, so no site markup is written here), and which entries should carry a chip,
 * computed from data/papers.json with the rule the issue states (the arXiv id, else the exact normalised title
 * of a record that cannot be another paper), never copied from what the extension shows.
 */
import type { Locator, Page } from 'playwright-core';
import type { PaperRecord } from '../../../lib/dataset/schema';
import { normalizeTitle } from '../../../lib/text/title';
import { PAPERS } from './dataset';
import { readPage } from './pages';

/** Tag of a chip host and attribute naming its entry (lib/lists/dom.ts, lib/lists/controller.ts). */
export const CHIP_TAG = 'efficiency-lens-chip';
export const PANEL_TAG = 'efficiency-lens-list';
export const ENTRY_INDEX_ATTR = 'data-entry-index';
export const ANNOTATED_ATTR = 'data-efficiency-lens-annotated';

const byArxiv = new Map(PAPERS.filter((r) => r.arxivId).map((r) => [r.arxivId!, r]));
const byOpenReview = new Map(PAPERS.filter((r) => r.openreviewId).map((r) => [r.openreviewId!, r]));
const byNorm = new Map<string, PaperRecord[]>();
for (const r of PAPERS) {
  const list = byNorm.get(r.normTitle) ?? [];
  list.push(r);
  byNorm.set(r.normTitle, list);
}

/** One entry as the page shows it. */
export interface PageEntry {
  arxivId: string | null;
  openreviewId?: string | null;
  title: string | null;
}

/**
 * The record an entry should be shown as, or undefined: by arXiv id, by OpenReview id, else by exact normalised
 * title among records that cannot be another paper (an entry with an arXiv id only matches records without one).
 */
export function expectedRecord(entry: PageEntry): PaperRecord | undefined {
  if (entry.arxivId && byArxiv.has(entry.arxivId)) return byArxiv.get(entry.arxivId);
  if (entry.openreviewId && byOpenReview.has(entry.openreviewId)) return byOpenReview.get(entry.openreviewId);
  const candidates = entry.title ? (byNorm.get(normalizeTitle(entry.title)) ?? []) : [];
  return candidates.find((r) => (!entry.arxivId || !r.arxivId) && (!entry.openreviewId || !r.openreviewId));
}

/** Survey records with an arXiv id, in dataset order. */
export const ARXIV_RECORDS: readonly PaperRecord[] = PAPERS.filter((r) => r.arxivId && !r.isSurvey);

/** A generated listing: its HTML and what each entry is. */
export interface GeneratedListing {
  html: string;
  entries: { arxivId: string; title: string; inSurvey: boolean }[];
}

/**
 * A /list/…?show=N page of `count` entries, every `1/share`-th of them a survey paper (cycling through the
 * dataset's arXiv records), the rest synthetic ids the dataset does not hold. The entry markup is the first
 * entry of test/fixtures/pages/local_arxiv_list_pastweek.html with its id and title replaced.
 */
export function generateListing(count: number, surveyEvery = 2): GeneratedListing {
  const page = readPage('local_arxiv_list_pastweek.html');
  const start = page.indexOf('<dt>');
  const end = page.indexOf('</dd>', start) + '</dd>'.length;
  const template = page.slice(start, end);
  const templateId = '2106.09685';
  const templateTitle = 'LoRA: Low-Rank Adaptation of Large Language Models';
  if (!template.includes(templateId) || !template.includes(templateTitle)) {
    throw new Error('test premise: the pastweek fixture starts with the LoRA entry');
  }
  const listStart = page.indexOf("<dl id='articles'>");
  const listEnd = page.lastIndexOf('</dl>') + '</dl>'.length;
  const entries: GeneratedListing['entries'] = [];
  let survey = 0;
  let synthetic = 0;
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let arxivId: string;
    let title: string;
    let inSurvey: boolean;
    if (i % surveyEvery === 0) {
      const r = ARXIV_RECORDS[survey++ % ARXIV_RECORDS.length]!;
      arxivId = r.arxivId!;
      title = r.title;
      inSurvey = true;
    } else {
      // Valid December 2023 ids that the dataset does not hold.
      do arxivId = `2312.${String(10000 + synthetic++).padStart(5, '0')}`;
      while (byArxiv.has(arxivId));
      title = `Synthetic listing entry ${i} on robust kernel methods for graphs`;
      inSurvey = false;
    }
    entries.push({ arxivId, title, inSurvey });
    const esc = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    rows.push(
      template
        .split(templateId)
        .join(arxivId)
        .split(templateTitle)
        .join(esc)
        .replace(/name='item\d+'>\[\d+\]/, `name='item${i + 1}'>[${i + 1}]`),
    );
  }
  const list = `<dl id='articles'>\n<h3>Generated (showing ${count} of ${count} entries)</h3>\n${rows.join('\n')}\n</dl>`;
  return { html: page.slice(0, listStart) + list + page.slice(listEnd), entries };
}

/** Chip hosts of the page. */
export function chips(page: Page): Locator {
  return page.locator(CHIP_TAG);
}

/** Waits until the lists script finished (the mark on <html>) and returns the number of chips it reported. */
export async function annotated(page: Page, timeout = 15_000): Promise<number> {
  await page.waitForFunction((attr) => document.documentElement.hasAttribute(attr), ANNOTATED_ATTR, {
    timeout,
  });
  return Number(await page.evaluate((attr) => document.documentElement.getAttribute(attr), ANNOTATED_ATTR));
}

/** Entry index and leaves of every chip, in page order. */
export async function chipData(page: Page): Promise<{ index: number; leaves: string[]; saved: boolean }[]> {
  return page.locator(CHIP_TAG).evaluateAll(
    (hosts, attr) =>
      hosts.map((host) => {
        const root = (host as HTMLElement).shadowRoot!;
        return {
          index: Number(host.getAttribute(attr)),
          leaves: [...root.querySelectorAll('[data-leaf]')].map((e) => e.getAttribute('data-leaf') ?? ''),
          saved: root.querySelector('[data-testid="list-chip"]')?.getAttribute('data-saved') === 'true',
        };
      }),
    ENTRY_INDEX_ATTR,
  );
}
