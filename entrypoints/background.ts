import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/background';

// Wiring only: all logic lives in lib/background (house rule 1).
export default defineBackground(() => {
  startBackground({ browser });
});
