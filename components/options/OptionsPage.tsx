import { useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createOptionsEnv, type OptionsBrowser } from '../../lib/app/env';
import { createExporter } from '../../lib/app/exporting';
import { t } from '../../lib/app/i18n';
import '../overlay/overlay.css';
import '../app/app.css';
import './options.css';
import { PageRoot } from '../app/containers/PageRoot';
import { OptionsContainer } from './OptionsContainer';

/** The options page (entrypoints/options/main.tsx renders this and nothing else). */
export function OptionsPage() {
  const env = useMemo(() => createOptionsEnv(browser as unknown as OptionsBrowser), []);
  return (
    <PageRoot title={() => t('options_title')}>
      {(prefs) => <OptionsContainer env={env} prefs={prefs} exporter={createExporter()} />}
    </PageRoot>
  );
}
