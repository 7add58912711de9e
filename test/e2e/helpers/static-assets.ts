/**
 * Serves the hand-written stand-ins for site assets under test/fixtures/static/<host>/<path> (e.g. an arXiv-like
 * stylesheet at /static/browse/0.3.4/css/arXiv.css), so pages render with a realistic layout. Queries such as
 * `?v=20260318` are ignored, as a static file server would. Anything not there keeps its 404.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type FixtureServer, isFixtureHost, REPO_ROOT } from '../fixture-server';

/** Root of the static stand-ins, one folder per fixture host. */
export const STATIC_DIR = path.join(REPO_ROOT, 'test/fixtures/static');

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The file under `hostDir` for a request path, or null when there is none or the path tries to leave it. */
export function staticFileFor(hostDir: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split(/[?#]/)[0] ?? '');
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0')) return null;
  const file = path.resolve(hostDir, `.${path.posix.normalize(decoded)}`);
  if (!file.startsWith(`${path.resolve(hostDir)}${path.sep}`)) return null;
  const st = statSync(file, { throwIfNoEntry: false });
  return st?.isFile() ? file : null;
}

/** Serve every file under `dir/<host>/` on that host; returns an undo. Unknown host folders are an error. */
export function addStaticAssets(server: FixtureServer, dir: string = STATIC_DIR): () => void {
  const undos: (() => void)[] = [];
  for (const host of existsSync(dir) ? readdirSync(dir) : []) {
    const hostDir = path.join(dir, host);
    if (!statSync(hostDir).isDirectory()) continue;
    if (!isFixtureHost(host)) throw new Error(`static assets: ${hostDir} is not named after a fixture host`);
    undos.push(
      server.routePattern(host, /^\/[^?#]*(?:\?.*)?$/, ({ path: requestPath }) => {
        const file = staticFileFor(hostDir, requestPath);
        if (!file) return undefined;
        return {
          contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          body: readFileSync(file),
        };
      }),
    );
  }
  return () => {
    for (const undo of undos) undo();
  };
}
