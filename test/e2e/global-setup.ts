/**
 * vitest globalSetup for the e2e suite: builds the extension once per run (the e2e files then load
 * `.output/chrome-mv3`). `E2E_SKIP_BUILD=1` reuses an existing build instead, but only if it is newer than
 * every source file, so a stale build can never be tested by accident. `E2E_EXTENSION_DIR=<dir>` tests that
 * build as it is (e.g. an unzipped release), with no build and no freshness check.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './browser';
import { assertBuildFresh, buildExtension, EXTENSION_DIR, readBuiltManifest } from './build';

/** Runs before any e2e file. */
export default async function setup(): Promise<void> {
  // Fail before building when the browser is missing: that is the more common setup error on a fresh machine.
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (never download one).`,
    );
  }
  if (process.env.E2E_EXTENSION_DIR) {
    readBuiltManifest(EXTENSION_DIR);
    return;
  }
  if (process.env.E2E_SKIP_BUILD === '1') {
    assertBuildFresh();
    return;
  }
  await buildExtension();
}
