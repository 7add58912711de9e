/**
 * The overlay on every fixture page, in Chromium with the built extension: what it shows is compared with the
 * dataset (data/papers.json leaves, lib/taxonomy.ts paths), never with values copied from the extension.
 * Also: following a related-work link lands on that paper's page and its own overlay.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAXONOMY_NODES } from '../../lib/taxonomy';
import { type ExtensionHarness, launchExtension } from './browser';
import { EXTENSION_DIR } from './build';
import { addArxivStubs, loadManifest, type ManifestEntry } from './fixture-server';
import {
  expectedNodeCounts,
  leafExpectation,
  recordByArxivId,
  recordByOpenReviewId,
  requireRecord,
} from './helpers/dataset';
import { matchesPattern } from './helpers/match-pattern';
import { HOST_TAG, overlayHost, overlayPart, settledState, shownLeaves, watchPage } from './helpers/overlay';
import { addStaticAssets } from './helpers/static-assets';

let h: ExtensionHarness;

beforeAll(async () => {
  h = await launchExtension();
  addStaticAssets(h.server);
  addArxivStubs(h.server);
});

afterEach(() => {
  h?.assertNoForeignRequests();
});

afterAll(async () => {
  await h?.close();
});

// ---- What the built extension injects into, and what the fixtures are ------------------------------------

const builtManifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  content_scripts?: { matches: string[]; js?: string[] }[];
};
// The paper content script (entrypoints/papers.content) is the one that draws the overlay; the lists script
// (chips on listing, search and reference pages) is tested in lists-*.e2e.ts.
const contentScriptMatches = (builtManifest.content_scripts ?? [])
  .filter((cs) => cs.js?.some((file) => file.endsWith('content-scripts/papers.js')))
  .flatMap((cs) => cs.matches);
const isMatched = (url: string) => contentScriptMatches.some((p) => matchesPattern(p, url));

/** Fixture kinds (MANIFEST.json's own description of each page) that are single-paper pages we support. */
const PAPER_PAGE_KINDS = new Set([
  'arxiv_abs',
  'arxiv_abs_versioned',
  'arxiv_html_latexml',
  'openreview_forum',
  'huggingface_paper',
  'semantic_scholar_paper',
  'alphaxiv_paper_shell',
  'ar5iv_html',
]);

const manifest: ManifestEntry[] = loadManifest();
const matched = manifest.filter((e) => isMatched(e.url_it_stands_for));
const unmatched = manifest.filter((e) => !isMatched(e.url_it_stands_for));

type Expectation = { kind: 'leaves'; leaves: string[] } | { kind: 'survey' } | { kind: 'not-in-survey' };

/** What the overlay should show on a fixture page, from MANIFEST.json's ids and the dataset. */
function expectationFor(entry: ManifestEntry): Expectation {
  const expected = entry.expected as {
    arxiv_id?: string | null;
    known_arxiv_id?: string;
    openreview_id?: string;
  };
  const arxivId = expected.arxiv_id ?? expected.known_arxiv_id ?? null;
  const record =
    (arxivId ? recordByArxivId(arxivId) : undefined) ??
    (expected.openreview_id ? recordByOpenReviewId(expected.openreview_id) : undefined);
  if (!record) return { kind: 'not-in-survey' };
  if (record.isSurvey) return { kind: 'survey' };
  return { kind: 'leaves', leaves: [...record.leaves] };
}

describe('which fixture pages get the content script', () => {
  it('matches exactly the single-paper pages (arXiv abs/HTML, OpenReview, Hugging Face, Semantic Scholar, alphaXiv, ar5iv)', () => {
    expect(contentScriptMatches.length).toBeGreaterThan(0);
    expect(matched.map((e) => e.url_it_stands_for).sort()).toEqual(
      manifest
        .filter((e) => PAPER_PAGE_KINDS.has(e.kind))
        .map((e) => e.url_it_stands_for)
        .sort(),
    );
    // The premise of the table below: papers in and out of the survey, and the survey itself, are all there.
    const kinds = matched.map((e) => expectationFor(e).kind);
    expect(new Set(kinds)).toEqual(new Set(['leaves', 'survey', 'not-in-survey']));
  });
});

/** Asserts the card shows every leaf of `leaves` with its taxonomy path (expanding a collapsed card first). */
async function expectLeavesShown(page: Page, leaves: readonly string[]): Promise<void> {
  expect((await shownLeaves(page)).sort()).toEqual([...leaves].sort());
  const toggle = overlayPart(page, 'collapse-toggle');
  if ((await toggle.getAttribute('aria-expanded')) === 'false') {
    // A collapsed card (the corner pill) names each leaf in its chips; expanding shows the paths.
    for (const leaf of leaves) {
      const chip = page.locator(`${HOST_TAG} .el-header [data-testid="leaf-chip"][data-leaf="${leaf}"]`);
      await expect(chip.getAttribute('title')).resolves.toBe(leafExpectation(leaf).name);
      await expect(chip.textContent()).resolves.toContain(leafExpectation(leaf).name);
    }
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
  }
  for (const leaf of leaves) {
    const want = leafExpectation(leaf);
    const placement = page.locator(`${HOST_TAG} [data-testid="leaf-placement"][data-leaf="${leaf}"]`);
    await expect(placement.count()).resolves.toBe(1);
    const trail = placement.locator('[data-testid="taxonomy-path"]');
    await expect(trail.getAttribute('aria-label')).resolves.toBe(`Taxonomy path: ${want.label}`);
    const names = await trail.locator('a').allTextContents();
    expect(names.map((n) => n.trim())).toEqual(want.path);
    // The leaf's own name is on screen, not only in an attribute.
    await expect(placement.locator('a').last().isVisible()).resolves.toBe(true);
  }
  expect(await page.locator(`${HOST_TAG} [data-testid="leaf-placement"]`).count()).toBe(leaves.length);
}

describe('pages the content script runs on', () => {
  it.each(matched.map((e) => [e.url_it_stands_for, e] as const))('%s', async (url, entry) => {
    const want = expectationFor(entry);
    const { page } = await h.openPage(url);
    const watch = watchPage(page);
    const state = await settledState(page);
    await expect(overlayHost(page).count()).resolves.toBe(1);

    if (want.kind === 'leaves') {
      expect(state).toBe('in-survey');
      await expectLeavesShown(page, want.leaves);
    } else if (want.kind === 'survey') {
      expect(state).toBe('survey-itself');
      // A page without a free slot gets the corner pill, collapsed: expand it to see the tree.
      const toggle = overlayPart(page, 'collapse-toggle');
      if ((await toggle.getAttribute('aria-expanded')) === 'false') {
        await toggle.click();
        await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      }
      const counts = expectedNodeCounts();
      const rows = await page
        .locator(`${HOST_TAG} [data-testid="tree-node"]`)
        .evaluateAll((nodes) =>
          nodes.map((n) => [
            n.getAttribute('data-node-id'),
            n.querySelector(':scope > .el-tree-row [data-testid="node-count"]')?.textContent ?? '',
          ]),
        );
      expect(rows.map(([id]) => id).sort()).toEqual(TAXONOMY_NODES.map((n) => n.id).sort());
      for (const [id, text] of rows) {
        const n = counts.get(id!)!;
        expect(text, `count of ${id}`).toBe(`${n} ${n === 1 ? 'paper' : 'papers'}`);
      }
      // The dataset is not empty, so a tree of zeros cannot pass.
      expect([...counts.values()].some((n) => n > 0)).toBe(true);
    } else {
      expect(state).toBe('not-in-survey');
      const chip = overlayPart(page, 'not-in-survey-chip');
      await expect(chip.textContent()).resolves.toContain('Not in the efficiency survey');
      await expect(chip.isVisible()).resolves.toBe(true);
      await expect(overlayPart(page, 'overlay').count()).resolves.toBe(0);
      await expect(overlayPart(page, 'leaf-chip').count()).resolves.toBe(0);
    }
    watch.assertClean();
    await page.close();
  });
});

describe('pages it does not run on', () => {
  it('puts no overlay element on listing, search and result pages (they get list chips instead)', async () => {
    expect(unmatched.map((e) => e.kind).sort()).toEqual(
      [
        'arxiv_listing_new',
        'arxiv_search_results',
        'huggingface_daily',
        'scholar_results',
        'semanticscholar_search',
      ].sort(),
    );
    const pages = await Promise.all(unmatched.map((e) => h.openPage(e.url_it_stands_for)));
    // Control in the same window of time: a matched page gets its overlay, so waiting this long is enough.
    const control = await h.openPage('https://arxiv.org/abs/2106.09685');
    await settledState(control.page);
    await control.page.waitForTimeout(1_000);
    for (const [i, { page }] of pages.entries()) {
      expect(await page.locator(HOST_TAG).count(), unmatched[i]!.url_it_stands_for).toBe(0);
      await page.close();
    }
    await control.page.close();
  });
});

describe('related works', () => {
  it('follows a related-work link from the LoRA page to that paper and its own overlay', async () => {
    const { page } = await h.openPage('https://arxiv.org/abs/2106.09685');
    const watch = watchPage(page);
    expect(await settledState(page)).toBe('in-survey');
    const items = overlayPart(page, 'related-item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id') ?? ''));
    const target = ids.find((id) => id.startsWith('arxiv:') && id !== 'arxiv:2106.09685');
    expect(target, `an arXiv paper among the related works: ${ids.join(', ')}`).toBeDefined();
    const arxivId = target!.slice('arxiv:'.length);
    const record = requireRecord(arxivId);
    // Its leaves must differ from LoRA's somewhere, or the check below could pass on a stale overlay.
    const loraLeaves = requireRecord('2106.09685').leaves;

    const link = page.locator(`${HOST_TAG} [data-record-id="${target}"] a.el-related-title`);
    await expect(link.textContent()).resolves.toBe(record.title);
    await Promise.all([page.waitForURL(`https://arxiv.org/abs/${arxivId}`), link.click()]);
    await expect(page.locator('meta[name="citation_arxiv_id"]').getAttribute('content')).resolves.toBe(
      arxivId,
    );

    expect(await settledState(page)).toBe('in-survey');
    await expectLeavesShown(page, record.leaves);
    if (record.leaves.join() === loraLeaves.join()) {
      // Same leaves as LoRA: tell the pages apart by the related list, which never lists the paper itself.
      const nowIds = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-record-id')));
      expect(nowIds).not.toContain(target);
    }
    watch.assertClean();
    await page.close();
  });
});
