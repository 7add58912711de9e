import type { ComponentChildren } from 'preact';
import { msg, t } from '../../lib/app/i18n';
import type { ViewId } from '../../lib/app/routes';
import { Tabs } from './Tabs';

/** Where the app runs: the toolbar popup (~400×600), the browser's side panel, or a full tab (browse.html). */
export type AppLayout = 'popup' | 'sidepanel' | 'tab';

export const VIEW_LABEL_KEYS = {
  paper: msg('tab_paper'),
  library: msg('tab_library'),
  browse: msg('tab_browse'),
  search: msg('tab_search'),
} as const satisfies Record<ViewId, string>;

export interface AppShellProps {
  layout: AppLayout;
  views: readonly ViewId[];
  view: ViewId;
  onSelectView: (view: ViewId) => void;
  onOpenOptions: () => void;
  /** Open the current view in a browser tab (popup only). */
  onOpenInTab?: () => void;
  /** Number of saved papers, shown on the library tab. */
  libraryCount?: number;
  children: ComponentChildren;
}

/** The frame shared by every layout: title bar, view tabs, and the selected view's panel. */
export function AppShell(props: AppShellProps) {
  const { layout, view } = props;
  const tabs = props.views.map((id) => ({
    id,
    label:
      id === 'library' && props.libraryCount
        ? `${t(VIEW_LABEL_KEYS[id])} (${props.libraryCount.toLocaleString()})`
        : t(VIEW_LABEL_KEYS[id]),
  }));
  return (
    <div class={`app app-layout-${layout}`} data-testid="app" data-layout={layout} data-view={view}>
      <header class="app-header">
        <div class="app-titlebar">
          <h1 class="app-title">
            <span class="app-logo" aria-hidden="true">
              ◎
            </span>
            {t('app_title')}
          </h1>
          <div class="app-header-actions">
            {props.onOpenInTab && (
              <button
                type="button"
                class="el-btn el-icon-btn"
                aria-label={t('app_openInTab')}
                title={t('app_openInTab')}
                data-testid="open-in-tab"
                onClick={props.onOpenInTab}
              >
                <span aria-hidden="true">↗</span>
              </button>
            )}
            <button
              type="button"
              class="el-btn el-icon-btn"
              aria-label={t('app_options')}
              title={t('app_options')}
              data-testid="open-options"
              onClick={props.onOpenOptions}
            >
              <span aria-hidden="true">⚙</span>
            </button>
          </div>
        </div>
        <Tabs
          tabs={tabs}
          selected={view}
          onSelect={props.onSelectView}
          idPrefix="app"
          label={t('app_viewsLabel')}
        />
      </header>
      <main class="app-main">
        <div
          class={`app-panel app-panel-${view}`}
          id="app-panel"
          role="tabpanel"
          aria-labelledby={`app-tab-${view}`}
          data-testid="app-panel"
        >
          {props.children}
        </div>
      </main>
    </div>
  );
}
