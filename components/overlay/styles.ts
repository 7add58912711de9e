// `?inline` gives the stylesheet's text to the Vite build (for the shadow root) and to vitest (vitest.config.ts
// lists this file in test.css.include; without that vitest would replace it with "").
import css from './overlay.css?inline';

/** The overlay's shadow-root stylesheet (the text of overlay.css). */
export const overlayCss: string = css;
