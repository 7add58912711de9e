import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { type FullBrowser, startBackground, startTabFeatures } from '../lib/background';

// Wiring only: all logic lives in lib/background (house rule 1). Both calls register their listeners in the
// service worker's first turn.
export default defineBackground(() => {
  const service = startBackground({ browser });
  startTabFeatures(browser as unknown as FullBrowser, service);
});
