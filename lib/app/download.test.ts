// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from './download';

afterEach(() => vi.useRealTimers());

describe('downloadText', () => {
  it('clicks a temporary <a download> with an object URL, removes it, and revokes the URL afterwards', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const urls = {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:chrome-extension://id/123';
      }),
      revokeObjectURL: vi.fn(),
    };
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    document.addEventListener('click', (e) => {
      const a = e.target as HTMLAnchorElement;
      clicked.push({ href: a.href, download: a.download, attached: a.isConnected });
      e.preventDefault();
    });
    downloadText('efficiency-lens-2026-01-15.bib', 'application/x-bibtex', '@misc{x}', document, urls);
    expect(clicked).toEqual([
      { href: 'blob:chrome-extension://id/123', download: 'efficiency-lens-2026-01-15.bib', attached: true },
    ]);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    expect(blobs[0]!.type).toBe('application/x-bibtex');
    expect(await blobs[0]!.text()).toBe('@misc{x}');
    expect(urls.revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(urls.revokeObjectURL).toHaveBeenCalledWith('blob:chrome-extension://id/123');
  });
});
