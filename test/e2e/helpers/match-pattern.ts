/**
 * Chrome match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns), enough
 * to tell which fixture URLs the built content script runs on: `<scheme>://<host><path>` where `*` in the path
 * matches anything (Chrome matches the path pattern against path + query), `*.` prefixes a host's subdomains.
 */

/** True when `url` matches the pattern; throws on a pattern this reader does not understand. */
export function matchesPattern(pattern: string, url: string): boolean {
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`unsupported match pattern: ${pattern}`);
  const [, scheme, host, pathPattern] = m as unknown as [string, string, string, string];
  const u = new URL(url);
  const protocol = u.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (u.hostname !== base && !u.hostname.endsWith(`.${base}`)) return false;
    } else if (u.hostname !== host) return false;
  }
  const escaped = pathPattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`).test(`${u.pathname}${u.search}`);
}
