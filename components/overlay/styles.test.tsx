// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { overlayCss } from './styles';

// A path, not new URL(): happy-dom replaces the global URL class.
const fileCss = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'overlay.css'), 'utf8');

/** The declarations of every rule whose selector list contains `selector` (top level or inside @media). */
function declarationsFor(css: string, selector: string): string {
  const out: string[] = [];
  const re = /([^{}]+)\{([^{}]*)\}/g;
  for (let m = re.exec(css); m; m = re.exec(css)) {
    const selectors = m[1]!
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(',')
      .map((s) => s.trim());
    if (selectors.includes(selector)) out.push(m[2]!);
  }
  return out.join('\n');
}

/** The body of the first `@media <query>` block (balanced braces). */
function mediaBlock(css: string, query: string): string {
  const start = css.indexOf(`@media ${query}`);
  if (start < 0) return '';
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return css.slice(css.indexOf('{', start) + 1, i);
  }
  return '';
}

/** The #rrggbb value of a custom property in a block of declarations. */
function hexVar(block: string, name: string): string {
  const m = new RegExp(`${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(block);
  if (!m) throw new Error(`${name} is not a #rrggbb colour here`);
  return m[1]!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The stylesheet without its @media blocks. */
function withoutMedia(css: string): string {
  let out = css;
  for (let at = out.indexOf('@media'); at >= 0; at = out.indexOf('@media')) {
    const query = out.slice(at + '@media '.length, out.indexOf('{', at)).trim();
    const next = out.replace(`@media ${query} {${mediaBlock(out, query)}}`, '');
    if (next === out) throw new Error(`cannot strip @media ${query}`);
    out = next;
  }
  return out;
}

describe('overlay stylesheet', () => {
  test('styles.ts exports the text of overlay.css', () => {
    expect(overlayCss.length).toBeGreaterThan(1000);
    expect(overlayCss).toBe(fileCss);
  });

  test('resets the host and sets the system font stack', () => {
    expect(declarationsFor(overlayCss, ':host')).toMatch(/all:\s*initial/);
    expect(declarationsFor(overlayCss, ':host')).toMatch(/font-family:[^;]*system-ui[^;]*sans-serif/);
    // The mounted host carries an inline `all: initial !important`, which beats :host: the wrapper inside the
    // shadow root (lib/overlay/mount.ts) must set the typography again.
    const root = declarationsFor(overlayCss, '.el-root');
    expect(root).toMatch(/font-family:[^;]*system-ui[^;]*sans-serif/);
    expect(root).toMatch(/font-size:\s*medium/);
    expect(root).toMatch(/line-height:/);
    expect(root).toMatch(/color:\s*var\(--el-fg\)/);
  });

  test('card has a ~360px max width and a max height with internal scrolling', () => {
    const card = declarationsFor(overlayCss, '.el-card');
    expect(card).toMatch(/width:\s*360px/);
    expect(card).toMatch(/max-width:\s*min\(100%,\s*calc\(100vw - 16px\)\)/);
    expect(card).toMatch(/max-height:/);
    expect(declarationsFor(overlayCss, '.el-body')).toMatch(/overflow-y:\s*auto/);
  });

  test('long unbroken text wraps: card, titles and chip card break anywhere', () => {
    for (const sel of ['.el-card', '.el-related-title', '.el-chip-card'])
      expect(declarationsFor(overlayCss, sel), sel).toMatch(/overflow-wrap:\s*anywhere/);
    expect(declarationsFor(overlayCss, '.el-related-title')).toMatch(/-webkit-line-clamp:\s*3/);
    expect(declarationsFor(overlayCss, '.el-error-text')).toMatch(/text-overflow:\s*ellipsis/);
  });

  test('light and dark colour schemes define the same variables', () => {
    const vars = (block: string) => [...block.matchAll(/(--el-[\w-]+):/g)].map((m) => m[1]).sort();
    const light = vars(declarationsFor(withoutMedia(overlayCss), ':host'));
    const dark = vars(mediaBlock(overlayCss, '(prefers-color-scheme: dark)'));
    expect(light.length).toBeGreaterThan(20);
    expect(dark).toEqual(light);
  });

  test('five area colours for chips', () => {
    for (const area of [
      'budget-efficiency',
      'data-efficiency',
      'architecture-efficiency',
      'training-tuning-efficiency',
      'inference-efficiency',
    ]) {
      const decl = declarationsFor(overlayCss, `.el-chip[data-area="${area}"]`);
      expect(decl, area).toMatch(/--el-chip-bg:\s*var\(--el-area-\w+-bg\)/);
      expect(decl, area).toMatch(/--el-chip-fg:\s*var\(--el-area-\w+-fg\)/);
    }
  });

  test('visible focus ring on every interactive element', () => {
    expect(declarationsFor(overlayCss, ':focus-visible')).toMatch(/outline:\s*2px solid var\(--el-focus\)/);
    // Nothing removes it again.
    expect(overlayCss).not.toMatch(/outline:\s*(none|0)\b/);
  });

  test('text sizes are relative (em), never px', () => {
    for (const m of overlayCss.matchAll(/(font-size|line-height):\s*([^;]+);/g))
      expect(m[2], m[0]).not.toMatch(/px/);
    // No fixed pixel heights at all (the only px are widths, borders, outline and sr-only clipping).
    for (const m of overlayCss.matchAll(/(?:^|[\s;{])(height|min-height|max-height):\s*([^;]+);/g)) {
      if (m[2] === '1px') continue; // .el-sr-only
      expect(m[2], m[0]).not.toMatch(/px/);
    }
  });

  test('motion is opt-in: every animation and transition sits inside prefers-reduced-motion: no-preference', () => {
    const motion = mediaBlock(overlayCss, '(prefers-reduced-motion: no-preference)');
    expect(motion).toMatch(/animation:/);
    expect(withoutMedia(overlayCss)).not.toMatch(/(animation|transition):/);
    // And no other @media block sneaks motion in.
    expect(overlayCss.replace(motion, '')).not.toMatch(/(animation|transition):/);
  });

  test('text colours meet WCAG AA (4.5:1) on their backgrounds in both schemes', () => {
    const pairs: [string, string][] = [
      ['--el-fg', '--el-bg'],
      ['--el-muted', '--el-bg'],
      ['--el-link', '--el-bg'],
      ['--el-fg', '--el-btn-bg'],
      ['--el-accent-fg', '--el-accent-bg'],
      ...['budget', 'data', 'arch', 'train', 'infer'].map((a): [string, string] => [
        `--el-area-${a}-fg`,
        `--el-area-${a}-bg`,
      ]),
    ];
    const schemes = {
      light: declarationsFor(withoutMedia(overlayCss), ':host'),
      dark: mediaBlock(overlayCss, '(prefers-color-scheme: dark)'),
    };
    for (const [scheme, block] of Object.entries(schemes)) {
      for (const [fg, bg] of pairs) {
        const ratio = contrast(hexVar(block, fg), hexVar(block, bg));
        expect(ratio, `${scheme} ${fg} on ${bg}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  test('hidden when printing', () => {
    expect(mediaBlock(overlayCss, 'print')).toMatch(/:host[\s\S]*display:\s*none !important/);
  });
});
