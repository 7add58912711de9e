/**
 * Styles of the list chips, card and summary bar (one constructed sheet, shared by every shadow root on the
 * page, so 2,000 chips parse it once).
 *
 * Why not the overlay's sheet (components/overlay/overlay.css) plus a few rules: it is 3 KB gzipped of the
 * lists content script's 30 KB budget (test/e2e/bundle.e2e.ts), most of it for the paper card's tree, skeleton
 * and placements. This sheet keeps only what the list parts render (ListChip, ListCard with TaxonomyPath,
 * RelatedList and SaveButton, ListSummaryBar), with the same class names and the same colours (the area
 * colours below are overlay.css's: change both together). A string rather than a .css file because vitest
 * inlines only the overlay's stylesheet (vitest.config.ts css.include).
 */
const AREAS: [string, string, string, string, string][] = [
  // [area id, light bg, light fg, dark bg, dark fg]
  ['budget-efficiency', '#fff1d6', '#7a4a00', '#4a3510', '#ffd98a'],
  ['data-efficiency', '#dcf5e3', '#1b5e2f', '#173d24', '#9be7b0'],
  ['architecture-efficiency', '#dbeafe', '#1e429f', '#1b2f55', '#a9c7ff'],
  ['training-tuning-efficiency', '#ede4ff', '#5b2a9e', '#35235a', '#d2bcff'],
  ['inference-efficiency', '#ffe0e0', '#9b1c1c', '#4d1d1d', '#ffb4b4'],
];
const area = (dark: boolean) =>
  AREAS.map(
    ([id, lb, lf, db, df]) =>
      `.el-chip[data-area="${id}"]{--el-chip-bg:${dark ? db : lb};--el-chip-fg:${dark ? df : lf}}`,
  ).join('');

export const listsCss: string = `
:host{all:initial}
.el-root,.el-list-chip{--el-bg:#fff;--el-fg:#1f2328;--el-muted:#57606a;--el-border:#d0d7de;--el-link:#0b57d0;--el-focus:#1a73e8;--el-btn-bg:#f6f8fa;--el-btn-hover:#eaeef2;--el-accent:#9a6700;--el-accent-bg:#fff4d4;--el-accent-fg:#6b4700;--el-shadow:rgb(0 0 0/.16);color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans",Arial,sans-serif;color:var(--el-fg)}
.el-root{font-size:medium;line-height:1.4}
${area(false)}
@media (prefers-color-scheme:dark){.el-root,.el-list-chip{--el-bg:#1e2227;--el-fg:#e6edf3;--el-muted:#9da7b3;--el-border:#3d444d;--el-link:#8ab4f8;--el-focus:#8ab4f8;--el-btn-bg:#2a3038;--el-btn-hover:#343b45;--el-accent:#d29922;--el-accent-bg:#3d2e0a;--el-accent-fg:#f2cc60;--el-shadow:rgb(0 0 0/.5)}${area(true)}}
*,*::before,*::after{box-sizing:border-box}
:focus-visible{outline:2px solid var(--el-focus);outline-offset:2px}
a{color:var(--el-link);text-underline-offset:.15em}
.el-chip{display:inline-block;padding:0 .45em;font-size:.8em;font-weight:650;line-height:1.5;white-space:nowrap;color:var(--el-chip-fg,var(--el-fg));background:var(--el-chip-bg,var(--el-btn-bg));border:1px solid transparent;border-radius:999px}
.el-sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.el-muted{color:var(--el-muted)}
.el-btn{display:inline-flex;align-items:center;gap:.3em;margin:0;padding:.25em .6em;font:inherit;font-size:.9em;line-height:1.25;color:inherit;background:var(--el-btn-bg);border:1px solid var(--el-border);border-radius:.4em;cursor:pointer;white-space:nowrap}
.el-btn:hover{background:var(--el-btn-hover)}
.el-btn[aria-disabled="true"]{opacity:.6;cursor:progress}
.el-btn[aria-pressed="true"]{color:var(--el-accent-fg);background:var(--el-accent-bg);border-color:var(--el-accent)}
.el-icon-btn{padding:.25em .5em}
.el-card{display:flex;flex-direction:column;width:340px;max-width:calc(100vw - 16px);max-height:min(80vh,40em);overflow:hidden;background:var(--el-bg);border:1px solid var(--el-border);border-radius:.75em;box-shadow:0 .25em 1em var(--el-shadow);font-size:.875em;overflow-wrap:anywhere}
.el-header{display:flex;align-items:center;gap:.4em;padding:.55em .75em;border-bottom:1px solid var(--el-border)}
.el-title{flex:1 1 8em;min-width:0;font-weight:650}
.el-body{padding:.6em .75em;overflow:auto}
.el-list-paths,.el-path,.el-related-items{margin:0;padding:0;list-style:none}
.el-list-paths,.el-related-items{display:grid;gap:.4em}
.el-path{display:flex;flex-wrap:wrap;gap:0 .3em}
.el-path li{display:inline-flex;gap:.3em}
.el-path-sep{color:var(--el-muted)}
.el-list-heading{margin:.6em 0 .3em;font-size:.9em}
.el-related-title{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;font-weight:550}
.el-related-meta{display:flex;flex-wrap:wrap;align-items:center;gap:.35em;color:var(--el-muted);font-size:.85em}
.el-saved-mark{padding:0 .45em;color:var(--el-accent-fg);background:var(--el-accent-bg);border-radius:999px;font-weight:650}
.el-list-actions{margin-top:.6em}
.el-list-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5em;max-width:min(44em,calc(100vw - 32px));padding:.45em .6em;font-size:.875em;background:var(--el-bg);border:1px solid var(--el-border);border-radius:.6em;box-shadow:0 .2em .8em var(--el-shadow)}
.el-list-bar-text{flex:1 1 14em}
/* The chip must fit inside the entry's existing line: a taller chip grew every entry it was put in (18 px to
   23.7 px on arXiv listings), which moved everything below it (a layout shift) and made Chromium re-walk the
   whole page to repaint. 0.75em, line-height 1.25, 1 px border: 17 px on a 16 px line (~18 px); the host is
   top-aligned (lib/lists/dom.ts). No position:relative: a paint layer per chip (x2,000) was the slowest part.
   test/e2e/lists-arxiv.e2e.ts checks that no entry changes height. */
.el-list-chip{all:unset;display:inline-flex;align-items:center;gap:.2em;margin:0 .3em;padding:0 .25em;font-size:.75em;line-height:1.25;vertical-align:top;cursor:pointer;border:1px solid var(--el-border);border-radius:999px;background:var(--el-bg)}
.el-list-chip:hover{background:var(--el-btn-hover)}
.el-list-chip:focus-visible{outline:2px solid var(--el-focus);outline-offset:2px}
.el-list-chip .el-chip{padding:0 .35em;font-size:1em;line-height:1.25;border-width:0}
.el-list-more{color:var(--el-muted)}
.el-list-saved{color:var(--el-accent)}
`;
