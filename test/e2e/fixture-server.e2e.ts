/**
 * The fixture server on its own (no browser): routing by host + path + query, 404s, request log, extra routes,
 * manifest validation, the generated pages and PDF, and the certificate's host names.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addArxivStubs,
  arxivAbsPage,
  CERT_DIR,
  DEFAULT_FIXTURES_DIR,
  FIXTURE_HOSTS,
  type FixtureServer,
  loadManifest,
  minimalPdf,
  startFixtureServer,
} from './fixture-server';

interface Got {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/** GET `path` from the server as if the browser had resolved `host` to it (SNI and Host header set). */
function get(server: FixtureServer, host: string, pathAndQuery: string, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathAndQuery,
        method,
        servername: host.replace(/:\d+$/, ''),
        headers: { host },
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const manifest = loadManifest();
let clock = 1_000;
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({ now: () => clock++ });
});
afterEach(() => {
  server.resetRoutes();
  server.clearRequests();
});
afterAll(async () => {
  await server.close();
});

describe('manifest pages', () => {
  it.each(manifest.map((e) => [e.url_it_stands_for, e.file] as const))(
    'serves %s from %s',
    async (url, file) => {
      const u = new URL(url);
      const res = await get(server, u.hostname, u.pathname + u.search);
      expect(res.status).toBe(200);
      expect(res.contentType).toBe('text/html; charset=utf-8');
      expect(res.body.equals(readFileSync(path.join(DEFAULT_FIXTURES_DIR, file)))).toBe(true);
    },
  );

  it.each([
    ['unknown path', 'arxiv.org', '/abs/0000.00000'],
    ['query differs', 'openreview.net', '/forum?id=OUIFPHEgJU&noteId=x'],
    ['query missing', 'openreview.net', '/forum'],
    ['same path, other mapped host', 'export.arxiv.org', '/abs/2106.09685'],
    ['version suffix not in manifest', 'arxiv.org', '/abs/2106.09685v3'],
    ['trailing slash', 'arxiv.org', '/abs/2106.09685/'],
    ['unmapped host', 'example.com', '/abs/2106.09685'],
  ])('answers 404 text for %s', async (_, host, p) => {
    const res = await get(server, host, p);
    expect(res.status).toBe(404);
    expect(res.contentType).toBe('text/plain; charset=utf-8');
    expect(res.body.toString()).toBe(`404 Not Found: no fixture for https://${host}${p}\n`);
  });

  it('answers HEAD with headers only', async () => {
    const res = await get(server, 'arxiv.org', '/abs/2106.09685', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });
});

describe('request log', () => {
  it('records host (port and case dropped), path with query, method, time and status in order', async () => {
    await get(server, 'ArXiv.org:443', '/abs/2106.09685');
    await get(server, 'openreview.net', '/forum?id=nope');
    await get(server, 'arxiv.org', '/abs/2106.09685', 'HEAD');
    const log = server.requests().map(({ host, path, method, status }) => ({ host, path, method, status }));
    expect(log).toEqual([
      { host: 'arxiv.org', path: '/abs/2106.09685', method: 'GET', status: 200 },
      { host: 'openreview.net', path: '/forum?id=nope', method: 'GET', status: 404 },
      { host: 'arxiv.org', path: '/abs/2106.09685', method: 'HEAD', status: 200 },
    ]);
    const times = server.requests().map((r) => r.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(3);
    expect(server.requests((r) => r.status === 404)).toHaveLength(1);
  });

  it('lists requests under unmapped Host headers as foreign, and clears', async () => {
    await get(server, 'arxiv.org', '/abs/2106.09685');
    await get(server, 'evil.example', '/x');
    await get(server, 'arxiv.org.evil.example', '/abs/2106.09685');
    expect(server.foreignRequests().map((r) => r.host)).toEqual(['evil.example', 'arxiv.org.evil.example']);
    server.clearRequests();
    expect(server.requests()).toEqual([]);
    expect(server.foreignRequests()).toEqual([]);
  });
});

describe('extra routes', () => {
  it('an exact route overrides a manifest page until undone', async () => {
    const undo = server.route('https://arxiv.org/abs/2106.09685', { body: '<title>hostile</title>' });
    expect((await get(server, 'arxiv.org', '/abs/2106.09685')).body.toString()).toBe(
      '<title>hostile</title>',
    );
    undo();
    expect((await get(server, 'arxiv.org', '/abs/2106.09685')).body.toString()).toContain('LoRA');
  });

  it('a handler route sees the request and may decline it', async () => {
    const seen: string[] = [];
    server.route('https://openreview.net/forum?id=OUIFPHEgJU', (req) => {
      seen.push(`${req.method} ${req.host} ${req.url.searchParams.get('id')}`);
      return undefined;
    });
    const res = await get(server, 'openreview.net', '/forum?id=OUIFPHEgJU');
    expect(seen).toEqual(['GET openreview.net OUIFPHEgJU']);
    expect(res.body.toString()).toContain('QLoRA');
  });

  it('custom status, content type and headers are sent', async () => {
    server.route('https://huggingface.co/teapot', {
      status: 418,
      contentType: 'application/json',
      headers: { 'X-Test': 'yes' },
      body: '{"ok":false}',
    });
    const res = await get(server, 'huggingface.co', '/teapot');
    expect(res).toMatchObject({ status: 418, contentType: 'application/json' });
    expect(res.body.toString()).toBe('{"ok":false}');
  });

  it('pattern routes match by host and path, exact and manifest routes win, undo removes them', async () => {
    const undo = server.routePattern('arxiv.org', /^\/abs\/(.*)$/, ({ match }) => ({
      body: `pattern ${match![1]}`,
    }));
    expect((await get(server, 'arxiv.org', '/abs/1234.5678')).body.toString()).toBe('pattern 1234.5678');
    expect((await get(server, 'arxiv.org', '/abs/2106.09685')).body.toString()).toContain('LoRA');
    expect((await get(server, 'www.arxiv.org', '/abs/1234.5678')).status).toBe(404);
    undo();
    expect((await get(server, 'arxiv.org', '/abs/1234.5678')).status).toBe(404);
  });

  it.each([
    ['an unmapped host', 'https://example.com/x'],
    ['plain http', 'http://arxiv.org/x'],
    ['a non-default port', 'https://arxiv.org:8443/x'],
    ['a relative URL', '/abs/2106.09685'],
  ])('route() rejects %s', (_, url) => {
    expect(() => server.route(url, { body: '' })).toThrow(/fixture server/);
  });

  it('routePattern() rejects an unmapped host', () => {
    expect(() => server.routePattern('example.com', /x/, () => ({ body: '' }))).toThrow(/not mapped/);
  });
});

describe('arXiv stubs', () => {
  it.each([
    ['new-style id', '/abs/2402.00001', '2402.00001'],
    ['5-digit id with version', '/abs/2402.12345v3', '2402.12345'],
    ['old-style id', '/abs/hep-th/9901001', 'hep-th/9901001'],
    ['old-style id with subject class', '/abs/math.GT/0309136', 'math.GT/0309136'],
  ])('serve an abstract page for a %s', async (_, p, bareId) => {
    addArxivStubs(server);
    const res = await get(server, 'arxiv.org', p);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain(`<meta name="citation_arxiv_id" content="${bareId}">`);
  });

  it.each([
    ['not an id', '/abs/not-an-id'],
    ['id with junk', '/abs/2402.00001x'],
    ['too few digits', '/abs/2402.001'],
    ['a listing page outside the manifest', '/list/cs.LG/new'],
  ])('do not serve %s', async (_, p) => {
    addArxivStubs(server);
    expect((await get(server, 'arxiv.org', p)).status).toBe(404);
  });

  it('serve a PDF for /pdf/<id>, and 404 for ids pageFor declines', async () => {
    addArxivStubs(server, { pageFor: (id) => (id === '2402.00001' ? {} : undefined) });
    const pdf = await get(server, 'arxiv.org', '/pdf/2402.00001v1');
    expect(pdf.status).toBe(200);
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(server, 'arxiv.org', '/pdf/2402.00002')).status).toBe(404);
    expect((await get(server, 'arxiv.org', '/abs/2402.00002')).status).toBe(404);
  });
});

describe('arxivAbsPage', () => {
  it('escapes HTML in every field', () => {
    const html = arxivAbsPage('2402.00001', {
      title: '<script>alert(1)</script> & "quotes"',
      authors: ['A <b>Bold</b> Author'],
      abstract: "it's <img src=x onerror=alert(1)>",
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>Bold');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;');
  });

  it.each(['', '2402', '../etc/passwd', '2402.00001 ', 'abs/2402.00001'])('rejects the non-id %j', (id) => {
    expect(() => arxivAbsPage(id)).toThrow(/not an arXiv id/);
  });
});

describe('minimalPdf', () => {
  it('has a correct xref table: every offset points at its object', () => {
    const text = new TextDecoder().decode(minimalPdf('Hello (world) \\ test'));
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((off, i) => {
      expect(text.slice(off, off + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    expect(text).toContain('(Hello \\(world\\) \\\\ test) Tj');
    const length = Number(/\/Length (\d+)/.exec(text)![1]);
    const stream = /stream\n([\s\S]*?)\nendstream/.exec(text)![1]!;
    expect(stream.length).toBe(length);
  });

  it('rejects text outside printable ASCII', () => {
    expect(() => minimalPdf('naïve')).toThrow(/printable ASCII/);
    expect(() => minimalPdf('line\nbreak')).toThrow(/printable ASCII/);
  });
});

describe('manifest validation', () => {
  let dir: string;
  const entry = {
    file: 'pages/a.html',
    url_it_stands_for: 'https://arxiv.org/abs/1',
    kind: 'arxiv_abs',
    expected: { title: 'A' },
  };
  const writeFixtures = (
    records: unknown,
    pages: Record<string, string> = { 'a.html': '<p>a</p>' },
  ): void => {
    mkdirSync(path.join(dir, 'pages'), { recursive: true });
    writeFileSync(
      path.join(dir, 'MANIFEST.json'),
      typeof records === 'string' ? records : JSON.stringify(records),
    );
    for (const [name, html] of Object.entries(pages)) writeFileSync(path.join(dir, 'pages', name), html);
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'efficiency-lens-manifest-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a valid manifest and serves it', async () => {
    writeFixtures([entry]);
    const s = await startFixtureServer({ fixturesDir: dir });
    try {
      expect((await get(s, 'arxiv.org', '/abs/1')).body.toString()).toBe('<p>a</p>');
    } finally {
      await s.close();
    }
  });

  it.each([
    ['a missing manifest', null, /cannot read .*MANIFEST\.json/],
    ['invalid JSON', '[{', /not valid JSON/],
    ['a non-array', { file: 'x' }, /does not match the manifest format/],
    ['a record without url', [{ ...entry, url_it_stands_for: undefined }], /\[0\.url_it_stands_for\]/],
    ['a path escaping the fixtures dir', [{ ...entry, file: '../secret.html' }], /\[0\.file\]/],
    ['an absolute path', [{ ...entry, file: '/etc/hosts' }], /\[0\.file\]/],
    [
      'a missing page file',
      [{ ...entry, file: 'pages/missing.html' }],
      /pages\/missing\.html, which cannot be read/,
    ],
    ['a duplicate URL', [entry, { ...entry }], /lists https:\/\/arxiv\.org\/abs\/1 twice/],
    [
      'an unmapped host',
      [{ ...entry, url_it_stands_for: 'https://example.com/abs/1' }],
      /example\.com is not mapped/,
    ],
    ['an http URL', [{ ...entry, url_it_stands_for: 'http://arxiv.org/abs/1' }], /only https URLs/],
  ])('rejects %s with a clear error', async (_, records, message) => {
    if (records !== null) writeFixtures(records);
    await expect(startFixtureServer({ fixturesDir: dir })).rejects.toThrow(message);
  });
});

describe('test certificate', () => {
  const cert = new X509Certificate(readFileSync(path.join(CERT_DIR, 'cert.pem')));

  it.each([...FIXTURE_HOSTS])('covers %s', (host) => {
    expect(cert.checkHost(host)).toBe(host);
  });

  it.each(['example.com', 'evil.arxiv.org', 'arxiv.org.evil.example', 'localhost'])(
    'does not cover %s',
    (host) => {
      expect(cert.checkHost(host)).toBeUndefined();
    },
  );

  it('is valid for decades and matches its key', () => {
    expect(new Date(cert.validTo).getFullYear()).toBeGreaterThanOrEqual(2100);
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
    const keyPem = readFileSync(path.join(CERT_DIR, 'key.pem'), 'utf8');
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
  });
});
