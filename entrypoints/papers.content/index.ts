import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startOverlay } from '../../lib/overlay/controller';
import { CONTENT_SCRIPT_MATCHES } from '../../lib/sites/pages';

// One content script for every supported paper page; the site adapters in lib/sites decide what it does.
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  // document_start: the controller asks the background about an arXiv URL's paper while the page still loads,
  // then waits for DOMContentLoaded before it reads or touches the DOM.
  runAt: 'document_start',
  main(ctx) {
    const overlay = startOverlay({
      doc: document,
      getUrl: () => new URL(location.href),
      browser: browser as never,
      signal: ctx.signal,
    });
    // OpenReview navigates inside the app (history API) without a page load.
    ctx.addEventListener(window, 'wxt:locationchange', () => overlay.onLocationChange());
  },
});
