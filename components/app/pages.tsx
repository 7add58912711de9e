import { useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createBrowserEnv, type PagesBrowser } from '../../lib/app/env';
import { createExporter } from '../../lib/app/exporting';
import { t } from '../../lib/app/i18n';
import '../overlay/overlay.css';
import './app.css';
import type { AppLayout } from './AppShell';
import { AppContainer } from './containers/AppContainer';
import { PageRoot } from './containers/PageRoot';

/**
 * The three app pages. Each entrypoint's main.tsx renders one of these and nothing else (house rule 1); the
 * stylesheets are imported here so every page gets the same ones (overlay.css supplies the shared chips, tree
 * and breadcrumb styles; app.css the page layout and the theme variables).
 */

function AppPage({ layout }: { layout: AppLayout }) {
  const env = useMemo(() => createBrowserEnv(browser as unknown as PagesBrowser), []);
  return (
    <PageRoot title={() => t('app_title')}>
      {() => <AppContainer env={env} layout={layout} exporter={createExporter()} />}
    </PageRoot>
  );
}

/** The toolbar popup (~400×600). */
export function PopupPage() {
  return <AppPage layout="popup" />;
}

/** The browser's side panel (Chrome side_panel, Firefox sidebar_action). */
export function SidePanelPage() {
  return <AppPage layout="sidepanel" />;
}

/** The full-tab page (browse.html): taxonomy browser, library and search. */
export function BrowsePage() {
  return <AppPage layout="tab" />;
}
