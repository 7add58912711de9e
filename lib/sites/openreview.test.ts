import { afterAll, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { CONTENT_SCRIPT_MATCHES, findAdapter } from './index';
import { openreview, openreviewPaper } from './openreview';
import { closeDocuments, loadDocument, loadFixture, readManifest } from './test-helpers';
import { MAX_TITLE_LENGTH } from './text';

afterAll(closeDocuments);

const PATTERNS = CONTENT_SCRIPT_MATCHES.map((p) => new MatchPattern(p));
// MatchPattern (WXT's matcher) compares the pathname like the browser does; a string avoids its `Location` check.
const inContentScript = (url: URL) => PATTERNS.some((p) => p.includes(url.href));

const QLORA = 'pages/openreview_OUIFPHEgJU.html';
const QLORA_URL = 'https://openreview.net/forum?id=OUIFPHEgJU';
const QLORA_TITLE = 'QLoRA: Efficient Finetuning of Quantized LLMs';
const QLORA_AUTHORS = ['Tim Dettmers', 'Artidoro Pagnoni', 'Ari Holtzman', 'Luke Zettlemoyer'];

// ---------------------------------------------------------------------------------------------------------
// URL table

/** [url, page kind, forum id] */
const POSITIVE: [string, 'forum' | 'pdf', string][] = [
  ['https://openreview.net/forum?id=OUIFPHEgJU', 'forum', 'OUIFPHEgJU'],
  ['https://openreview.net/forum?id=OUIFPHEgJU&noteId=r1a2B3c4D5', 'forum', 'OUIFPHEgJU'],
  ['https://openreview.net/forum?noteId=r1a2B3c4D5&id=OUIFPHEgJU', 'forum', 'OUIFPHEgJU'],
  ['https://openreview.net/forum?id=OUIFPHEgJU&referrer=%5BAuthor%20Console%5D', 'forum', 'OUIFPHEgJU'],
  [
    'https://openreview.net/forum?id=OUIFPHEgJU&invitationId=NeurIPS.cc/2023/Conference/-/Official_Comment',
    'forum',
    'OUIFPHEgJU',
  ],
  ['https://openreview.net/forum?id=OUIFPHEgJU#discussion', 'forum', 'OUIFPHEgJU'],
  ['https://openreview.net/forum/?id=OUIFPHEgJU', 'forum', 'OUIFPHEgJU'],
  ['https://OPENREVIEW.NET/forum?id=OUIFPHEgJU', 'forum', 'OUIFPHEgJU'],
  ['https://openreview.net/forum?id=rJl-b3RcF7', 'forum', 'rJl-b3RcF7'],
  ['https://openreview.net/forum?id=SJg_d3C9KX', 'forum', 'SJg_d3C9KX'],
  ['https://openreview.net/forum?id=YicbFdNTTy', 'forum', 'YicbFdNTTy'],
  ['https://openreview.net/forum?id=nZeVKeeFYf9', 'forum', 'nZeVKeeFYf9'],
  ['https://openreview.net/forum?id=B1ckMDqlg', 'forum', 'B1ckMDqlg'],
  ['https://openreview.net/pdf?id=OUIFPHEgJU', 'pdf', 'OUIFPHEgJU'],
  ['https://openreview.net/pdf?id=rJl-b3RcF7', 'pdf', 'rJl-b3RcF7'],
  ['https://openreview.net/pdf/?id=OUIFPHEgJU', 'pdf', 'OUIFPHEgJU'],
];

/** [url, why it is not a forum/PDF page, whether the content-script patterns must exclude it too] */
const NEGATIVE: [string, string, boolean][] = [
  ['http://openreview.net/forum?id=OUIFPHEgJU', 'plain http', true],
  ['https://openreview.net.evil.com/forum?id=OUIFPHEgJU', 'lookalike host (suffix)', true],
  ['https://evil-openreview.net/forum?id=OUIFPHEgJU', 'lookalike host (prefix)', true],
  ['https://openreview.net@evil.com/forum?id=OUIFPHEgJU', 'userinfo trick: the host is evil.com', true],
  ['https://user@openreview.net/forum?id=OUIFPHEgJU', 'userinfo', false],
  ['https://www.openreview.net/forum?id=OUIFPHEgJU', 'www host (redirects; not in the patterns)', true],
  ['https://api.openreview.net/notes?id=OUIFPHEgJU', 'API v1', true],
  ['https://api2.openreview.net/notes?forum=OUIFPHEgJU', 'API v2', true],
  [
    'https://openreview.net:8443/forum?id=OUIFPHEgJU',
    'non-default port (match patterns ignore ports)',
    false,
  ],
  ['https://openreview.net/group?id=NeurIPS.cc/2023/Conference', 'venue page', true],
  ['https://openreview.net/profile?id=~Tim_Dettmers2', 'profile page', true],
  ['https://openreview.net/revisions?id=OUIFPHEgJU', 'revisions page', true],
  ['https://openreview.net/attachment?id=OUIFPHEgJU&name=supplementary_material', 'attachment', true],
  ['https://openreview.net/invitation?id=NeurIPS.cc/2023/Conference/-/Submission', 'invitation page', true],
  ['https://openreview.net/search?term=qlora&content=all', 'search page', true],
  ['https://openreview.net/venues', 'venue list', true],
  ['https://openreview.net/', 'home page', true],
  ['https://openreview.net/forum', 'no id', false],
  ['https://openreview.net/forum?id=', 'empty id', false],
  ['https://openreview.net/forum?noteId=OUIFPHEgJU', 'no id parameter', false],
  ['https://openreview.net/forum?id=abc', 'id too short', false],
  ['https://openreview.net/forum?id=OUIF%3Cscript%3EPEgJU', 'id with markup characters', false],
  ['https://openreview.net/forumx?id=OUIFPHEgJU', 'other path', false],
  ['https://arxiv.org/abs/2305.14314', 'arXiv (the other adapter)', false],
];

describe('openreview URL gate', () => {
  it('has at least 15 positive and 15 negative URLs', () => {
    expect(POSITIVE.length).toBeGreaterThanOrEqual(15);
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(15);
  });

  const qlora = loadFixture(QLORA, QLORA_URL);
  const empty = loadDocument(
    '<!DOCTYPE html><html><head></head><body></body></html>',
    'https://openreview.net/',
  );

  it.each(POSITIVE)('%s is a %s page of %s', (href, kind, id) => {
    const url = new URL(href);
    expect(openreview.matches(url)).toBe(true);
    expect(openreview.pageKind(url)).toBe(kind);
    expect(findAdapter(url)).toBe(openreviewPaper);
    // The content script runs on forums; PDFs open in the viewer, where it cannot run.
    expect(inContentScript(url)).toBe(kind === 'forum');
    if (kind === 'pdf') {
      expect(openreview.detectPaper(empty, url)).toEqual({
        ref: { kind: 'openreview', id },
        arxivId: null,
        openreviewId: id,
        title: null,
        authors: [],
        anchor: null,
      });
    } else {
      // A forum page with nothing rendered detects nothing.
      expect(openreview.detectPaper(empty, url)).toBeNull();
    }
  });

  it.each(NEGATIVE)('%s is not an OpenReview paper page (%s)', (href, _why, outsideScript) => {
    const url = new URL(href);
    expect(openreview.matches(url)).toBe(false);
    expect(openreview.pageKind(url)).toBeNull();
    // Even with a rendered forum in the document, a non-paper URL detects nothing.
    expect(openreview.detectPaper(qlora, url)).toBeNull();
    if (outsideScript) expect(inContentScript(url)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Shared fixtures (test/fixtures/MANIFEST.json)

const manifest = readManifest();
const forumPages = manifest.filter((e) => e.kind === 'openreview_forum');
const otherPages = manifest.filter((e) => e.kind !== 'openreview_forum');

describe('openreview fixtures from the manifest', () => {
  it('has a forum fixture', () => {
    expect(forumPages.length).toBeGreaterThan(0);
  });

  it.each(forumPages.map((e) => [e.file, e] as const))('%s', (_file, entry) => {
    const url = new URL(entry.url_it_stands_for);
    const detected = openreview.detectPaper(loadFixture(entry.file, entry.url_it_stands_for), url);
    expect(detected).not.toBeNull();
    expect(detected!.openreviewId).toBe(entry.expected.openreview_id);
    expect(detected!.ref).toEqual({ kind: 'openreview', id: entry.expected.openreview_id });
    expect(detected!.title).toBe(entry.expected.title);
    // The page carries no arXiv id (known_arxiv_id is only known from elsewhere).
    expect(detected!.arxivId).toBe(entry.expected.arxiv_id);
    expect(detected!.anchor?.localName).toBe('h2');
    expect(detected!.anchor?.textContent).toContain(entry.expected.title);
  });

  it('reads the QLoRA authors from citation_author, and the same names from the rendered note', () => {
    const url = new URL(QLORA_URL);
    const doc = loadFixture(QLORA, QLORA_URL);
    expect(openreview.detectPaper(doc, url)?.authors).toEqual(QLORA_AUTHORS);
    for (const meta of doc.querySelectorAll('meta[name^="citation_"]')) meta.remove();
    const detected = openreview.detectPaper(doc, url);
    expect(detected?.authors).toEqual(QLORA_AUTHORS);
    expect(detected?.title).toBe(QLORA_TITLE);
  });

  it('falls back to <title> minus " | OpenReview", then og:title, when the note has no title element', () => {
    const url = new URL(QLORA_URL);
    const doc = loadFixture(QLORA, QLORA_URL);
    doc.querySelector('h2.citation_title')!.remove();
    for (const meta of doc.querySelectorAll('meta[name^="citation_"]')) meta.remove();
    doc.querySelector('title')!.textContent = 'Renamed Title | OpenReview';
    expect(openreview.detectPaper(doc, url)?.title).toBe('Renamed Title');
    // Without the suffix, <title> is the app's generic one, not a paper title.
    doc.querySelector('title')!.textContent = 'OpenReview';
    expect(openreview.detectPaper(doc, url)?.title).toBe(QLORA_TITLE); // og:title
    doc.querySelector('meta[property="og:title"]')!.remove();
    const detected = openreview.detectPaper(doc, url);
    expect(detected?.title).toBeNull();
    expect(detected?.openreviewId).toBe('OUIFPHEgJU');
    expect(detected?.anchor?.classList.contains('forum-note')).toBe(true);
  });

  it.each(otherPages.map((e) => [e.file, e] as const))(
    '%s is not an OpenReview paper page',
    (_file, entry) => {
      const url = new URL(entry.url_it_stands_for);
      expect(openreview.matches(url)).toBe(false);
      expect(openreview.detectPaper(loadFixture(entry.file, entry.url_it_stands_for), url)).toBeNull();
    },
  );
});

// ---------------------------------------------------------------------------------------------------------
// Client rendering: not yet rendered, stale head, stale DOM

describe('openreview in-app navigation', () => {
  const NEW_URL = new URL('https://openreview.net/forum?id=SynNewForum1');
  const OLD_URL = new URL('https://openreview.net/forum?id=SynOldForum1');
  const STALE = 'pages/local_openreview_stale_meta.html';
  const NEW_TITLE = 'Synthetic New Forum About Quantization';

  it('returns null while the note has not rendered, even when the head already names the paper', () => {
    const doc = loadFixture('pages/local_openreview_loading.html', QLORA_URL);
    expect(openreview.detectPaper(doc, new URL(QLORA_URL))).toBeNull();
  });

  it('ignores a head left over from the previous forum', () => {
    const doc = loadFixture(STALE, NEW_URL.href);
    expect(openreview.detectPaper(doc, NEW_URL)).toEqual({
      ref: { kind: 'openreview', id: 'SynNewForum1' },
      arxivId: null,
      openreviewId: 'SynNewForum1',
      title: NEW_TITLE,
      authors: ['Nina New', 'Ned Newer'],
      // The stale head's citation_abstract is the previous forum's: not read.
      abstract: null,
      anchor: doc.querySelector('h2.citation_title'),
    });
  });

  it('ignores a stale citation_title that disagrees with the rendered title, even without citation_pdf_url', () => {
    const doc = loadFixture(STALE, NEW_URL.href);
    doc.querySelector('meta[name="citation_pdf_url"]')!.remove();
    // The note no longer names its id either: nothing says which forum anything belongs to.
    for (const a of doc.querySelectorAll('.forum-content-link a, .forum-meta a')) a.remove();
    const detected = openreview.detectPaper(doc, NEW_URL);
    expect(detected?.title).toBe(NEW_TITLE);
    expect(detected?.authors).toEqual(['Nina New', 'Ned Newer']);
  });

  it('uses citation_* once they agree with the rendered title', () => {
    const doc = loadFixture(STALE, NEW_URL.href);
    doc.querySelector('meta[name="citation_pdf_url"]')!.remove();
    doc
      .querySelector('meta[name="citation_title"]')!
      .setAttribute('content', `  ${NEW_TITLE.toUpperCase()} `);
    // Same title up to case and spacing: the head is about this paper, and citation_title is the clean value.
    const detected = openreview.detectPaper(doc, NEW_URL);
    expect(detected?.title).toBe(NEW_TITLE.toUpperCase());
    expect(detected?.authors).toEqual(['Olga Old']); // citation_author of the now-trusted head
  });

  it('returns null when the URL changed but the DOM still shows the previous forum', () => {
    // The fixture's note renders SynNewForum1; loading it under SynOldForum1's URL is the mirror situation.
    const doc = loadFixture(STALE, OLD_URL.href);
    expect(openreview.detectPaper(doc, OLD_URL)).toBeNull();
    // A link to the old forum inside the abstract is not a marker of the note's own id.
    expect(doc.querySelector('.note-content-value a[href="/pdf?id=SynOldForum1"]')).not.toBeNull();
  });

  it('follows the CURRENT url on every call', () => {
    const doc = loadFixture(QLORA, QLORA_URL);
    expect(openreview.detectPaper(doc, new URL(QLORA_URL))?.openreviewId).toBe('OUIFPHEgJU');
    // Same document, the app navigated: the note (pdf/revisions links) still names OUIFPHEgJU.
    expect(openreview.detectPaper(doc, new URL('https://openreview.net/forum?id=NextForum42'))).toBeNull();
  });

  it('accepts the BibTeX url= as the note id marker', () => {
    const doc = loadFixture(QLORA, QLORA_URL);
    for (const a of doc.querySelectorAll('.forum-content-link a, .forum-meta a[href^="/revisions"]'))
      a.remove();
    const bibtex = doc.querySelector('[data-bibtex]')!;
    bibtex.setAttribute(
      'data-bibtex',
      encodeURIComponent('@inproceedings{x, title={X}, url={https://openreview.net/forum?id=OUIFPHEgJU}}'),
    );
    expect(openreview.detectPaper(doc, new URL(QLORA_URL))?.title).toBe(QLORA_TITLE);
    expect(openreview.detectPaper(doc, new URL('https://openreview.net/forum?id=NextForum42'))).toBeNull();
    bibtex.setAttribute('data-bibtex', '%E0%A4%A'); // malformed encoding: no marker, no crash
    expect(openreview.detectPaper(doc, new URL(QLORA_URL))?.openreviewId).toBe('OUIFPHEgJU');
  });
});

// ---------------------------------------------------------------------------------------------------------
// API-v1 forums and linked arXiv ids

describe('openreview API-v1 (legacy) forum', () => {
  const url = new URL('https://openreview.net/forum?id=SynLegacyV1');
  const TITLE = 'Synthetic Legacy Forum: Sparse Adapters at Scale';

  it('reads the title, authors and no arXiv id (the abstract and a reply cite other papers)', () => {
    const doc = loadFixture('pages/local_openreview_v1_legacy.html', url.href);
    const detected = openreview.detectPaper(doc, url);
    expect(detected).toMatchObject({
      ref: { kind: 'openreview', id: 'SynLegacyV1' },
      openreviewId: 'SynLegacyV1',
      arxivId: null,
      title: TITLE,
      authors: ['Ada Example', 'Bo Sample'],
    });
    expect(detected?.anchor?.classList.contains('note_content_title')).toBe(true);
  });

  it('reads the h2 text without its PDF link, and profile-link authors, when there is no metadata', () => {
    const doc = loadFixture('pages/local_openreview_v1_legacy.html', url.href);
    for (const el of doc.querySelectorAll('meta, title')) el.remove();
    const pdf = doc.querySelector('h2.note_content_title a')!;
    pdf.append(doc.createTextNode(' PDF'));
    const detected = openreview.detectPaper(doc, url);
    expect(detected?.title).toBe(TITLE);
    expect(detected?.authors).toEqual(['Ada Example', 'Bo Sample']);
  });

  it('never reads a reply as the paper', () => {
    const doc = loadFixture('pages/local_openreview_v1_legacy.html', url.href);
    doc.querySelector('.forum-container > .note')!.remove();
    expect(openreview.detectPaper(doc, url)).toBeNull();
  });
});

describe('openreview linked arXiv id', () => {
  const url = new URL('https://openreview.net/forum?id=SynExtIds01');
  const load = () => loadFixture('pages/local_openreview_external_ids.html', url.href);
  const addRow = (doc: Document, label: string, value: string) => {
    const row = doc.createElement('div');
    const field = doc.createElement('strong');
    field.className = 'note-content-field';
    field.textContent = label;
    const span = doc.createElement('span');
    span.className = 'note-content-value';
    span.textContent = value;
    row.append(field, ' ', span);
    doc.querySelector('.forum-note .note-content')!.append(row);
  };

  it('takes the External IDs arXiv id, not the abstract citation nor the replies', () => {
    const detected = openreview.detectPaper(load(), url);
    expect(detected?.arxivId).toBe('2305.14314');
    expect(detected?.ref).toEqual({ kind: 'openreview', id: 'SynExtIds01' });
    expect(detected?.title).toBe('Synthetic Forum With External IDs');
  });

  it('reads "arxiv:<id>" text (with a version) in the External IDs row', () => {
    const doc = load();
    const value = doc.querySelectorAll('.forum-note .note-content-value')[1]!;
    value.textContent = 'DBLP:conf/x/Y24; ARXIV:2305.14314v2';
    expect(openreview.detectPaper(doc, url)?.arxivId).toBe('2305.14314');
  });

  it('without External IDs: an arXiv link in a non-prose row counts, abstract links do not', () => {
    const doc = load();
    doc.querySelectorAll('.forum-note .note-content > div')[1]!.remove(); // the External IDs row
    expect(openreview.detectPaper(doc, url)?.arxivId).toBeNull();
    addRow(doc, 'Code And Preprint:', 'https://github.com/x/y and https://arxiv.org/pdf/2305.14314v2.pdf');
    expect(openreview.detectPaper(doc, url)?.arxivId).toBe('2305.14314');
    addRow(doc, 'Previous Version:', 'https://export.arxiv.org/abs/2101.03961');
    // Two different papers: ambiguous, so none.
    expect(openreview.detectPaper(doc, url)?.arxivId).toBeNull();
  });

  it('ignores arXiv-looking text that is not a valid id, and lookalike hosts', () => {
    const doc = load();
    doc.querySelectorAll('.forum-note .note-content > div')[1]!.remove();
    addRow(doc, 'Links:', 'arxiv.org/abs/2113.00001 https://arxiv.org.evil.com/abs/2305.14314');
    expect(openreview.detectPaper(doc, url)?.arxivId).toBeNull();
  });

  it('treats the supplementary attachment link as a marker of the note id', () => {
    const doc = load();
    for (const a of doc.querySelectorAll('.forum-content-link a')) a.remove();
    expect(openreview.detectPaper(doc, url)?.openreviewId).toBe('SynExtIds01');
    expect(openreview.detectPaper(doc, new URL('https://openreview.net/forum?id=OtherForum9'))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hostile pages

describe('openreview hostile pages', () => {
  const url = new URL('https://openreview.net/forum?id=SynHostile1');
  const LITERAL = '<img src=x onerror=alert(1)> Robust &amp; Safe';

  it('reads markup, entities, scripts and handlers as literal text and runs nothing', () => {
    const doc = loadFixture('pages/local_openreview_hostile.html', url.href);
    expect(openreview.detectPaper(doc, url)).toMatchObject({
      title: LITERAL,
      authors: ['<script>alert(1)</script>Eve', 'Mallory "><svg onload=alert(1)>'],
      arxivId: null,
    });
    // Without the metadata, the rendered note gives the same literal text.
    for (const el of doc.querySelectorAll('meta, title')) el.remove();
    expect(openreview.detectPaper(doc, url)).toMatchObject({
      title: LITERAL,
      authors: ['<script>alert(1)</script>Eve', 'Mallory "><svg onload=alert(1)>'],
    });
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
    expect((doc.defaultView as unknown as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('caps a 100 kB title', () => {
    const long = 'Quantized '.repeat(10_000);
    const html = `<!DOCTYPE html><html><head><title>${long} | OpenReview</title>
      <meta name="citation_title" content="${long}"><meta name="citation_pdf_url" content="https://openreview.net/pdf?id=SynLong0001">
      </head><body><div class="forum-container"><div class="forum-note"><div class="forum-title">
      <h2 class="citation_title">${long}</h2></div></div></div></body></html>`;
    const longUrl = new URL('https://openreview.net/forum?id=SynLong0001');
    const doc = loadDocument(html, longUrl.href);
    const title = openreview.detectPaper(doc, longUrl)?.title;
    expect(title?.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(title?.length).toBeGreaterThan(MAX_TITLE_LENGTH - 20);
    doc.querySelector('meta[name="citation_title"]')!.remove();
    expect(openreview.detectPaper(doc, longUrl)?.title?.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  });

  it('keeps RTL overrides and zero-width joiners inside the title, trims them at the edges', () => {
    const h2 = '\u200B Attention \u202Etxet desrever\u202C Is All\u200DYou Need \uFEFF';
    const html = `<!DOCTYPE html><html><head></head><body><div class="forum-container"><div class="forum-note">
      <div class="forum-title"><h2 class="citation_title">${h2}</h2></div></div></div></body></html>`;
    const rtlUrl = new URL('https://openreview.net/forum?id=SynRtl00001');
    expect(openreview.detectPaper(loadDocument(html, rtlUrl.href), rtlUrl)?.title).toBe(
      'Attention \u202Etxet desrever\u202C Is All\u200DYou Need',
    );
  });
});
