import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startLists } from '../../lib/lists/controller';
import { LIST_SCRIPT_MATCHES } from '../../lib/sites/lists';

// Pages that list papers (arXiv listings, catch-up, search results, an HTML paper's references); the site
// adapters in lib/sites decide what is an entry.
export default defineContentScript({
  matches: LIST_SCRIPT_MATCHES,
  // document_start (measured against document_end in bench/lists.md): the controller reads the entries at
  // DOMContentLoaded and the lookup then runs while the page draws its first frame, so the chips follow that
  // frame; at document_end the script starts after that frame and everything comes one round trip later. The
  // price is the ~20 ms of reading 2,000 entries before the page's first frame.
  runAt: 'document_start',
  main(ctx) {
    void startLists({
      doc: document,
      getUrl: () => new URL(location.href),
      browser: browser as never,
      signal: ctx.signal,
    });
  },
});
