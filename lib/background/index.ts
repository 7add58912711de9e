// The bundled dataset is imported here and nowhere else, so it lands in the background bundle only and
// never in a content-script or popup bundle (uBlock Origin: packaged data is loaded by the background).
import datasetMeta from '../../data/dataset-meta.json';
import papers from '../../data/papers.json';
import type { DatasetMeta, PaperRecord } from '../dataset/schema';
import type { BundledDataset } from '../db/schema';
import { type BackgroundBrowser, type BackgroundService, createBackgroundService } from './service';

export type { BackgroundBrowser, BackgroundService } from './service';

/**
 * The dataset shipped with this build. Typed by cast: JSON imports widen enums to string; the rows are
 * validated by ensureCatalogSeeded before anything is written (and by the data tests at build time).
 */
export const BUNDLED_DATASET: BundledDataset = {
  meta: datasetMeta as DatasetMeta,
  records: papers as unknown as readonly PaperRecord[],
};

/** Options of startBackground. */
export interface StartBackgroundOptions {
  browser: BackgroundBrowser;
  now?: () => number;
  /** Defaults to the bundled dataset; tests pass small fixtures. */
  bundled?: BundledDataset;
  catalogDbName?: string;
  libraryDbName?: string;
  logger?: Pick<Console, 'warn'>;
}

/**
 * Start the background: register the message listener synchronously (an MV3 service worker only receives
 * events whose listeners were added in its first turn), and seed the catalog on install/update. A cold
 * worker woken by a message seeds lazily on that first request instead.
 */
export function startBackground(options: StartBackgroundOptions): BackgroundService {
  const { browser } = options;
  const service = createBackgroundService({ ...options, bundled: options.bundled ?? BUNDLED_DATASET });
  browser.runtime.onMessage.addListener(service.listener);
  browser.runtime.onInstalled.addListener(() => {
    // Never rejects; a failure is logged and the previous catalog keeps serving.
    void service.seed();
  });
  return service;
}
