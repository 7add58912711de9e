import { defineConfig } from 'wxt';

// Manifest permissions are the minimum the features need; README.md ("Permissions") justifies each one.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere (house style): no auto-imported globals.
  imports: false,
  manifest: {
    name: 'Efficiency Lens',
    description:
      'Where an arXiv/OpenReview paper sits in the efficient-LLM survey taxonomy (Ding et al., 2312.00678), related works, and a reading list. Offline.',
    permissions: ['storage'],
    browser_specific_settings: {
      gecko: { id: 'efficiency-lens@example.org', strict_min_version: '115.0' },
    },
  },
});
