import { defineWebExtConfig } from 'wxt';

// This machine has no browser for `wxt` (dev) to open; load .output/chrome-mv3 by hand instead.
export default defineWebExtConfig({ disabled: true });
