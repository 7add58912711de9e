import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Wiring lives in lib/background; see startBackground().
});
