import type { FetchLike } from '@modelcontextprotocol/client';
import { authorizationResponseFrom, type AuthorizationResponse } from './callback.js';

/** More hops than any real login flow takes; a loop ends here. */
const MAX_HOPS = 10;

/**
 * `--oauth-non-interactive`: opens the authorization URL without a browser and follows the
 * authorization server's redirects until one points at `redirectUri`, whose query is the
 * authorization response. Works with test identity providers that approve at once; a login
 * page (an HTML 200) ends it with a message saying a person is needed.
 */
export async function followAuthorizationRedirects(
  authorizationUrl: URL,
  redirectUri: string,
  fetchFn: FetchLike,
): Promise<AuthorizationResponse> {
  const target = new URL(redirectUri);
  let url = authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const response = await fetchFn(url, { method: 'GET', redirect: 'manual' });
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      throw new Error(
        `the authorization server answered HTTP ${response.status}${response.headers.get('content-type')?.includes('html') === true ? ' with a page' : ''} instead of redirecting back: it needs a person (run mcpscope auth login without --oauth-non-interactive)`,
      );
    }
    const next = new URL(location, url);
    if (next.origin === target.origin && next.pathname === target.pathname) {
      return authorizationResponseFrom(next.searchParams);
    }
    url = next;
  }
  throw new Error(`more than ${MAX_HOPS} redirects without reaching ${redirectUri}`);
}
