import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'lib/**/*.test.ts',
      'lib/**/*.test.tsx',
      'components/**/*.test.tsx',
      'data/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    // The overlay's stylesheet is imported as text (?inline) and its tests read it.
    css: { include: [/components\/overlay\/overlay\.css/] },
    mockReset: true,
    restoreMocks: true,
  },
});
