/**
 * Save text as a file from an extension page: a Blob behind an object URL and a temporary <a download>, which
 * needs no "downloads" permission. `doc` is a parameter so tests can watch the click without a real download.
 */
export function downloadText(
  fileName: string,
  mimeType: string,
  text: string,
  doc: Document = document,
  urls: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'> = URL,
): void {
  const url = urls.createObjectURL(new Blob([text], { type: mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked on the next turn: Chromium starts the download asynchronously from the click.
    setTimeout(() => urls.revokeObjectURL(url), 0);
  }
}
