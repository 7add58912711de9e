/**
 * The URL gate every adapter starts with: https, one of the site's exact hosts, the default port, no
 * userinfo. "https://huggingface.co@evil.com/" has hostname evil.com and fails the host check;
 * "https://user@huggingface.co/" is not a URL any site links, and content-script match patterns cannot
 * exclude it, so the gate does.
 */
export function onHost(url: URL, hosts: ReadonlySet<string>): boolean {
  return (
    url.protocol === 'https:' &&
    hosts.has(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Path segments without the empty last one a trailing slash leaves ("/papers/" → ["papers"]). */
export function pathSegments(url: URL): string[] {
  const segments = url.pathname.split('/').slice(1);
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  return segments;
}
