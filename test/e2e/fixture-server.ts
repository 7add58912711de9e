/**
 * Local HTTPS server that stands in for the scholarly sites in real-browser tests.
 *
 * Chromium is started with `--host-resolver-rules` that send every host in {@link FIXTURE_HOSTS} to this server,
 * so `https://arxiv.org/abs/2106.09685` is answered here with the page MANIFEST.json lists for that URL.
 * HTTPS (not HTTP) because openreview.net is on Chromium's HSTS preload list: `http://openreview.net` never loads
 * (shared/TOOLCHAIN.md). The certificate in ./certs is self-signed and test-only.
 *
 * Every request is recorded (host, path, time, status) so tests can assert what the browser asked for.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root (this file lives in test/e2e/). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where MANIFEST.json and pages/ live; `E2E_FIXTURES_DIR` overrides it (e.g. a checkout of shared fixtures). */
export const DEFAULT_FIXTURES_DIR = process.env.E2E_FIXTURES_DIR ?? path.join(REPO_ROOT, 'test/fixtures');

/** Self-signed, test-only certificate whose SANs cover every host below (see certs/README.md). */
export const CERT_DIR = path.join(REPO_ROOT, 'test/e2e/certs');

/** Every host the browser is pointed at this server for; anything else counts as a foreign request. */
export const FIXTURE_HOSTS = [
  'arxiv.org',
  'www.arxiv.org',
  'export.arxiv.org',
  'openreview.net',
  'huggingface.co',
  'www.alphaxiv.org',
  'alphaxiv.org',
  'www.semanticscholar.org',
  'scholar.google.com',
  'ar5iv.labs.arxiv.org',
] as const;

/** One of {@link FIXTURE_HOSTS}. */
export type FixtureHost = (typeof FIXTURE_HOSTS)[number];

/** True when `host` (no port, any case) is one the server stands in for. */
export function isFixtureHost(host: string): host is FixtureHost {
  return (FIXTURE_HOSTS as readonly string[]).includes(host.toLowerCase());
}

// Only the fields the server needs are checked; the rest of a record (expected, verification, …) passes through.
const ManifestEntrySchema = z.looseObject({
  file: z
    .string()
    .min(1)
    .refine(
      (f) => !path.isAbsolute(f) && !f.split(/[\\/]/).includes('..'),
      'must be a path inside the fixtures dir',
    ),
  url_it_stands_for: z.url(),
  kind: z.string().min(1),
  expected: z.looseObject({
    title: z.string().min(1).optional(),
    arxiv_id: z.string().nullable().optional(),
  }),
});

/** One MANIFEST.json record (extra fields are kept as they are). */
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/** A response a route gives; `body` strings are sent as UTF-8. */
export interface RouteResponse {
  status?: number;
  /** Defaults to `text/html; charset=utf-8`, what arxiv.org sends. */
  contentType?: string;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

/** What a route handler is told about the request. */
export interface RouteRequest {
  host: string;
  /** Path plus query, exactly as received (`/forum?id=OUIFPHEgJU`). */
  path: string;
  method: string;
  url: URL;
  /** Capture groups when the route was added with a RegExp. */
  match: RegExpExecArray | null;
}

/** Computes a response; `undefined` means "not mine": the next route (or the 404) answers instead. */
export type RouteHandler = (req: RouteRequest) => RouteResponse | undefined;

/** One request as the server saw it. */
export interface RecordedRequest {
  host: string;
  path: string;
  method: string;
  /** Epoch milliseconds when the request arrived. */
  time: number;
  /** Set once the response has been sent. */
  status?: number;
  headers: Record<string, string | string[] | undefined>;
}

/** A running fixture server. */
export interface FixtureServer {
  readonly port: number;
  readonly manifest: readonly ManifestEntry[];
  /** Serve `response` for exactly this URL (path + query), taking precedence over the manifest. Returns an undo. */
  route(url: string, response: RouteResponse | RouteHandler): () => void;
  /** Serve requests to `host` whose path+query matches `pattern` (checked after exact routes). Returns an undo. */
  routePattern(host: string, pattern: RegExp, handler: RouteHandler): () => void;
  /** Drop every route added with route()/routePattern(); the manifest pages stay. */
  resetRoutes(): void;
  /** Requests received so far, oldest first, optionally only those for which `filter` is true. */
  requests(filter?: (r: RecordedRequest) => boolean): RecordedRequest[];
  /** Requests whose Host is not one of {@link FIXTURE_HOSTS}. */
  foreignRequests(): RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

/** Options for {@link startFixtureServer}. */
export interface FixtureServerOptions {
  fixturesDir?: string;
  certDir?: string;
  /** Clock for request times (tests pass a fake one). */
  now?: () => number;
}

/** `https://host/path?query` → the key both the manifest and incoming requests are looked up by. */
function routeKey(host: string, pathAndQuery: string): string {
  return `${host.toLowerCase()} ${pathAndQuery}`;
}

/** Host and path+query of an absolute https URL on a fixture host, or a clear error. */
function splitFixtureUrl(url: string): { host: string; pathAndQuery: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`fixture server: not an absolute URL: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') {
    throw new Error(`fixture server: only https URLs on the default port can be served, got ${url}`);
  }
  if (!isFixtureHost(parsed.hostname)) {
    throw new Error(
      `fixture server: ${parsed.hostname} is not mapped to the server (FIXTURE_HOSTS: ${FIXTURE_HOSTS.join(', ')})`,
    );
  }
  return { host: parsed.hostname, pathAndQuery: `${parsed.pathname}${parsed.search}` };
}

/** Reads and validates MANIFEST.json; throws an error naming the file and the bad record. */
export function loadManifest(fixturesDir: string = DEFAULT_FIXTURES_DIR): ManifestEntry[] {
  const manifestPath = path.join(fixturesDir, 'MANIFEST.json');
  let raw: string;
  try {
    raw = readFileSync(manifestPath, 'utf8');
  } catch (err) {
    throw new Error(`fixture server: cannot read ${manifestPath} (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new Error(`fixture server: ${manifestPath} is not valid JSON (${(err as Error).message})`);
  }
  const parsed = z.array(ManifestEntrySchema).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `fixture server: ${manifestPath} does not match the manifest format at [${issue?.path.join('.')}]: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Starts the server on 127.0.0.1 with a random free port, serving every manifest page under its URL. */
export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const fixturesDir = options.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const certDir = options.certDir ?? CERT_DIR;
  const now = options.now ?? Date.now;
  const manifest = loadManifest(fixturesDir);

  // Pages are read once up front, so a missing file fails the run at start-up rather than as a 404 mid-test.
  const manifestRoutes = new Map<string, RouteResponse>();
  for (const entry of manifest) {
    const { host, pathAndQuery } = splitFixtureUrl(entry.url_it_stands_for);
    const key = routeKey(host, pathAndQuery);
    if (manifestRoutes.has(key)) {
      throw new Error(`fixture server: MANIFEST.json lists ${entry.url_it_stands_for} twice`);
    }
    let body: Buffer;
    try {
      body = readFileSync(path.join(fixturesDir, entry.file));
    } catch (err) {
      throw new Error(
        `fixture server: MANIFEST.json lists ${entry.file}, which cannot be read (${(err as Error).message})`,
      );
    }
    manifestRoutes.set(key, { body });
  }

  const exactRoutes = new Map<string, RouteResponse | RouteHandler>();
  const patternRoutes: { id: number; host: string; pattern: RegExp; handler: RouteHandler }[] = [];
  let nextPatternId = 0;
  const log: RecordedRequest[] = [];

  const server: Server = createServer(
    { cert: readFileSync(path.join(certDir, 'cert.pem')), key: readFileSync(path.join(certDir, 'key.pem')) },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const pathAndQuery = req.url ?? '/';
      const method = req.method ?? 'GET';
      const record: RecordedRequest = {
        host,
        path: pathAndQuery,
        method,
        time: now(),
        headers: { ...req.headers },
      };
      log.push(record);

      const response = resolve(host, pathAndQuery, method) ?? {
        status: 404,
        contentType: 'text/plain; charset=utf-8',
        body: `404 Not Found: no fixture for https://${host}${pathAndQuery}\n`,
      };
      const status = response.status ?? 200;
      record.status = status;
      res.writeHead(status, {
        'Content-Type': response.contentType ?? 'text/html; charset=utf-8',
        // Fixtures may change between tests (routes); never let the browser answer from its cache.
        'Cache-Control': 'no-store',
        ...response.headers,
      });
      res.end(method === 'HEAD' ? undefined : response.body);
    },
  );

  function resolve(host: string, pathAndQuery: string, method: string): RouteResponse | undefined {
    const key = routeKey(host, pathAndQuery);
    const url = new URL(`https://${host || 'unknown.invalid'}${pathAndQuery}`);
    const exact = exactRoutes.get(key);
    if (exact !== undefined) {
      const res =
        typeof exact === 'function' ? exact({ host, path: pathAndQuery, method, url, match: null }) : exact;
      if (res) return res;
    }
    const fromManifest = manifestRoutes.get(key);
    if (fromManifest) return fromManifest;
    for (const route of patternRoutes) {
      if (route.host !== host) continue;
      route.pattern.lastIndex = 0;
      const match = route.pattern.exec(pathAndQuery);
      if (!match) continue;
      const res = route.handler({ host, path: pathAndQuery, method, url, match });
      if (res) return res;
    }
    return undefined;
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    manifest,
    route(url, response) {
      const { host, pathAndQuery } = splitFixtureUrl(url);
      const key = routeKey(host, pathAndQuery);
      exactRoutes.set(key, response);
      return () => {
        if (exactRoutes.get(key) === response) exactRoutes.delete(key);
      };
    },
    routePattern(host, pattern, handler) {
      if (!isFixtureHost(host)) {
        throw new Error(
          `fixture server: ${host} is not mapped to the server (FIXTURE_HOSTS: ${FIXTURE_HOSTS.join(', ')})`,
        );
      }
      const id = nextPatternId++;
      patternRoutes.push({ id, host: host.toLowerCase(), pattern, handler });
      return () => {
        const at = patternRoutes.findIndex((r) => r.id === id);
        if (at >= 0) patternRoutes.splice(at, 1);
      };
    },
    resetRoutes() {
      exactRoutes.clear();
      patternRoutes.length = 0;
    },
    requests(filter) {
      return filter ? log.filter(filter) : [...log];
    },
    foreignRequests() {
      return log.filter((r) => !isFixtureHost(r.host));
    },
    clearRequests() {
      log.length = 0;
    },
    close() {
      return new Promise<void>((done) => {
        server.close(() => done());
        // Keep-alive sockets from the browser would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
    },
  };
}

// --- Ready-made extra routes -------------------------------------------------------------------------------

/** arXiv identifiers: new style YYMM.NNNN(N), old style archive[.SC]/YYMMNNN; optional vN. */
const ARXIV_ID = String.raw`(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Options for {@link arxivAbsPage}. */
export interface ArxivAbsPageOptions {
  title?: string;
  authors?: string[];
  abstract?: string;
  /** Primary category shown in Subjects, e.g. `cs.CL`. */
  category?: string;
}

/**
 * A minimal arXiv abstract page for any id, with the markers detectors read (citation_* meta, canonical link,
 * `h1.title`, `div.authors`, `blockquote.abstract`, `a.download-pdf`). For pages that are not in the fixture set,
 * e.g. targets of related-work links. It is a generated stub, not a copy of arXiv's template.
 */
export function arxivAbsPage(id: string, options: ArxivAbsPageOptions = {}): string {
  const m = new RegExp(`^${ARXIV_ID}$`).exec(id);
  if (!m) throw new Error(`arxivAbsPage: not an arXiv id: ${JSON.stringify(id)}`);
  const bareId = m[1]!;
  const title = options.title ?? `Synthetic test paper ${bareId}`;
  const authors = options.authors ?? ['Ada Example', 'Ben Placeholder'];
  const abstract = options.abstract ?? 'A generated abstract page used by the end-to-end tests.';
  const category = options.category ?? 'cs.CL';
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>[${e(id)}] ${e(title)}</title>
<meta name="citation_title" content="${e(title)}">
${authors.map((a) => `<meta name="citation_author" content="${e(a)}">`).join('\n')}
<meta name="citation_arxiv_id" content="${e(bareId)}">
<meta name="citation_pdf_url" content="https://arxiv.org/pdf/${e(bareId)}">
<link rel="canonical" href="https://arxiv.org/abs/${e(bareId)}">
</head>
<body>
<div id="abs-outer"><div class="leftcolumn"><div id="content-inner"><div id="abs">
<div class="dateline">[Submitted on 1 Jan 2024]</div>
<h1 class="title mathjax"><span class="descriptor">Title:</span>${e(title)}</h1>
<div class="authors"><span class="descriptor">Authors:</span>${authors
    .map(
      (a) =>
        `<a href="https://arxiv.org/search/?searchtype=author&amp;query=${encodeURIComponent(a)}">${e(a)}</a>`,
    )
    .join(', ')}</div>
<blockquote class="abstract mathjax"><span class="descriptor">Abstract:</span>${e(abstract)}</blockquote>
<div class="metatable"><table summary="Additional metadata">
<tr><td class="tablecell label">Subjects:</td><td class="tablecell subjects"><span class="primary-subject">(${e(category)})</span></td></tr>
<tr><td class="tablecell label">Cite as:</td><td class="tablecell arxivid">arXiv:${e(bareId)} [${e(category)}]</td></tr>
</table></div>
</div></div></div>
<div class="extra-services"><div class="full-text"><ul><li><a href="/pdf/${e(id)}" class="abs-button download-pdf">View PDF</a></li></ul></div></div>
</div>
</body>
</html>
<!-- Generated by test/e2e/fixture-server.ts (arxivAbsPage): a stub for ids outside the fixture set. -->
`;
}

/** A one-page PDF 1.4 file showing `text` (printable ASCII only), with a correct xref table. */
export function minimalPdf(text = 'Efficiency Lens test PDF'): Uint8Array {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('minimalPdf: text must be printable ASCII');
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const stream = `BT /F1 18 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  // Every character is ASCII, so string offsets are byte offsets.
  return new TextEncoder().encode(out);
}

/** Options for {@link addArxivStubs}. */
export interface ArxivStubOptions {
  /** Page options per id; return `undefined` to answer that id with a 404. Default: a stub for every id. */
  pageFor?: (id: string) => ArxivAbsPageOptions | undefined;
}

/**
 * Serves a generated abstract page for `https://arxiv.org/abs/<any id>` and a tiny PDF for `/pdf/<any id>`, so
 * links the extension renders land on a page. Manifest pages still win for their own URLs. Returns an undo.
 */
export function addArxivStubs(server: FixtureServer, options: ArxivStubOptions = {}): () => void {
  const pageFor = options.pageFor ?? (() => ({}));
  const undoAbs = server.routePattern('arxiv.org', new RegExp(`^/abs/${ARXIV_ID}$`), ({ match }) => {
    const id = `${match![1]}${match![2] ?? ''}`;
    const page = pageFor(match![1]!);
    return page ? { body: arxivAbsPage(id, page) } : undefined;
  });
  const undoPdf = server.routePattern(
    'arxiv.org',
    new RegExp(`^/pdf/${ARXIV_ID}(?:\\.pdf)?$`),
    ({ match }) =>
      pageFor(match![1]!)
        ? { contentType: 'application/pdf', body: minimalPdf(`arXiv:${match![1]}`) }
        : undefined,
  );
  return () => {
    undoAbs();
    undoPdf();
  };
}
