/**
 * Rasterises assets/icon.svg into public/icon/<size>.png (the sizes the stores and browsers ask for), which WXT
 * lists in the manifest by itself. Run by hand after editing the SVG (`npx tsx scripts/make-icons.ts`); the PNGs
 * are committed, so a build never needs a browser. There is no image library in the project: Debian's Chromium
 * (driven by playwright-core, as the e2e tests do) draws the SVG at each size.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Icon sizes: 16/32 toolbar and favicon, 48 extensions page, 96 Firefox add-ons, 128 Chrome Web Store. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/lib/chromium/chromium';

async function main(): Promise<void> {
  const svg = readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8');
  const outDir = path.join(ROOT, 'public/icon');
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--headless'],
  });
  try {
    for (const size of ICON_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      const png = await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      writeFileSync(path.join(outDir, `${size}.png`), png);
      await page.close();
      console.log(`public/icon/${size}.png (${png.length} bytes)`);
    }
  } finally {
    await browser.close();
  }
}

await main();
