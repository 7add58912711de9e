import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { applyLanguage, type LocaleLoader, locale, t } from '../../../lib/app/i18n';
import {
  applyTheme,
  DEFAULT_PAGE_PREFS,
  getPagePrefs,
  type PagePrefs,
  watchPagePrefs,
} from '../../../lib/app/preferences';

export interface PageRootProps {
  /** Rendered once the language is loaded; re-rendered (remounted) when it changes. */
  children: (prefs: PagePrefs) => ComponentChildren;
  /** Document title (already translated by the caller when it can be; a function runs after the language loads). */
  title?: () => string;
  doc?: Document;
  loader?: LocaleLoader;
}

/**
 * Boots an extension page: reads the page preferences, applies the theme, loads the chosen language, then
 * renders. Later changes (made in the options page, in another window) apply live: the theme at once, a new
 * language by remounting the tree, since every string is computed during render.
 */
export function PageRoot({ children, title, doc = document, loader }: PageRootProps) {
  const [prefs, setPrefs] = useState<PagePrefs | null>(null);
  // Read through refs: callers pass inline functions, which must not restart the subscription on each render.
  const titleRef = useRef(title);
  titleRef.current = title;
  const loaderRef = useRef(loader);
  loaderRef.current = loader;

  useEffect(() => {
    let live = true;
    const apply = async (next: PagePrefs) => {
      applyTheme(next.theme, doc);
      const problem = await applyLanguage(next.language, loaderRef.current);
      if (problem) console.warn(`Efficiency Lens: ${problem}`);
      if (!live) return;
      doc.documentElement.lang = locale();
      if (titleRef.current) doc.title = titleRef.current();
      setPrefs(next);
    };
    getPagePrefs()
      .catch(() => DEFAULT_PAGE_PREFS)
      .then(apply);
    const off = watchPagePrefs((next) => void apply(next));
    return () => {
      live = false;
      off();
    };
  }, [doc]);

  if (!prefs) {
    return (
      <p class="app-booting" role="status">
        {/* Before the language is known there is nothing better than the browser's own. */}
        {t('app_loading')}
      </p>
    );
  }
  // Keyed by language: a new language remounts the tree (every string is computed in render); a theme change
  // is CSS only and keeps the page's state.
  return (
    <div key={prefs.language} class="app-root">
      {children(prefs)}
    </div>
  );
}
