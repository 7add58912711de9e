/** Path of the taxonomy browser page, at a node when given (the overlay's path links, the popup and the background share it). */
export function taxonomyBrowserPath(nodeId?: string): string {
  return nodeId ? `/browse.html#/node/${encodeURIComponent(nodeId)}` : '/browse.html';
}

/** The node id in a taxonomy browser URL or hash ("#/node/quantization"), or null. */
export function nodeIdFromHash(hash: string): string | null {
  const match = /#\/node\/([^/?#]+)/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
