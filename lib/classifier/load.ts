/**
 * Loading the bundled classifier in the background. data/classifier.json (~210 KB raw, ~70 KB gzip) ships as an
 * extension file like data/papers.json and is fetched the first time a paper outside the survey is looked up,
 * not imported into background.js: a worker that only ever sees survey papers never parses it.
 */
import { type ClassifierModel, loadModel } from './model';

/** Where the build puts data/classifier.json, from the extension root (wxt.config.ts build:publicAssets). */
export const CLASSIFIER_MODEL_PATH = '/data/classifier.json';

/** The fetch the loader uses (the global one in the extension; tests pass a fake). */
export type ModelFetch = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/** What the loader needs from the browser. */
export interface ClassifierBrowser {
  runtime: { getURL(path: typeof CLASSIFIER_MODEL_PATH): string };
}

/** Fetch, parse and validate the model at `url`; throws an Error that says which step failed. */
export async function loadModelFrom(
  url: string,
  fetchFn: ModelFetch = (u) => fetch(u),
): Promise<ClassifierModel> {
  let text: string;
  try {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`HTTP status ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new Error(`cannot read ${url}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  // loadModel parses the text itself and reports bad JSON and a bad shape as "Invalid classifier model: …".
  return loadModel(text);
}

/**
 * A memoised loader of the bundled model: one fetch per service-worker life on success; after a failure the
 * next call tries again (a worker must not keep a failure that a retry could fix).
 */
export function bundledClassifier(
  browser: ClassifierBrowser,
  options: { fetch?: ModelFetch } = {},
): () => Promise<ClassifierModel> {
  let pending: Promise<ClassifierModel> | null = null;
  return () => {
    if (!pending) {
      const attempt = loadModelFrom(browser.runtime.getURL(CLASSIFIER_MODEL_PATH), options.fetch);
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = null;
      });
    }
    return pending;
  };
}
