import path from 'node:path';
import { defineConfig } from 'wxt';

/**
 * The dataset's records ship as an extension file, fetched by the background only when it seeds
 * (lib/background/bundled.ts, BUNDLED_RECORDS_PATH), instead of a literal in background.js that every
 * service-worker start would parse. Copied from data/ rather than kept in public/ so that data/ stays the one
 * source of truth the dataset pipeline writes.
 */
const DATASET_ASSETS = [
  { src: 'data/papers.json', dest: 'data/papers.json' },
  // The classifier for papers outside the survey (lib/classifier/load.ts): fetched on the first such lookup.
  { src: 'data/classifier.json', dest: 'data/classifier.json' },
] as const;

// Manifest permissions are the minimum the features need; README.md ("Permissions") justifies each one.
export default defineConfig({
  // EL_OUT_DIR lets parallel checkouts/test runs build side by side without overwriting each other's output.
  outDir: process.env.EL_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere (house style): no auto-imported globals.
  imports: false,
  hooks: {
    'build:publicAssets': (wxt, assets) => {
      for (const asset of DATASET_ASSETS) {
        assets.push({ absoluteSrc: path.resolve(wxt.config.root, asset.src), relativeDest: asset.dest });
      }
    },
    // Lets browser.runtime.getURL('/data/papers.json') type-check (WXT lists only public/ files by itself).
    'prepare:publicPaths': (_wxt, paths) => {
      for (const asset of DATASET_ASSETS) paths.push(asset.dest);
    },
  },
  // The sources zip Firefox reviewers get: what builds the extension, not tests, fixtures (with a test-only TLS
  // key), docs or benchmarks.
  zip: {
    excludeSources: ['test/**', 'docs/**', 'bench/**', 'store/**', '.ci/**', '**/*.test.ts', '**/*.test.tsx'],
  },
  manifest: {
    // Required once public/_locales exists: Chromium refuses a localised extension without it.
    default_locale: 'en',
    name: 'Efficiency Lens',
    // ≤ 132 characters: the Chrome Web Store's limit (test/e2e/packages.e2e.ts checks it).
    description:
      'Where an arXiv/OpenReview paper sits in the efficient-LLM survey taxonomy (Ding et al.), its related works, and a reading list.',
    permissions: ['storage'],
    action: { default_title: 'Efficiency Lens' },
    // Read the URL of arXiv/OpenReview PDF tabs (no content script runs in the PDF viewer) to badge them.
    host_permissions: [
      'https://arxiv.org/pdf/*',
      'https://www.arxiv.org/pdf/*',
      'https://export.arxiv.org/pdf/*',
      'https://openreview.net/pdf*',
    ],
    commands: {
      'toggle-save': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save or remove the current paper',
      },
      'toggle-overlay': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: 'Show or hide the survey overlay on this paper',
      },
    },
    // Stricter than nothing: only the extension's own scripts run in its pages (no inline, no eval, no remote).
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self';" },
    browser_specific_settings: {
      gecko: { id: 'efficiency-lens@example.org', strict_min_version: '115.0' },
    },
  },
});
