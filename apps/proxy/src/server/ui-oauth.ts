import type { HubOAuth } from './hub.js';
import { pendingAuthorizations } from '@mcpscope/engine/oauth/callback';
import { CredentialStore, summarize } from '@mcpscope/engine/oauth/store';

/** How long the UI's guided flow waits for the user to finish in the other tab. */
const USER_WAIT_MS = 10 * 60_000;

/**
 * OAuth for sessions started from the UI: the authorization step waits for the user to open
 * the page (a link in the guided flow: a click, so no popup blocker) and for the redirect
 * to reach the proxy's `/oauth/callback` route, which resolves it by `state`.
 */
export function uiOAuth(callbackUrl: () => string, store = new CredentialStore()): HubOAuth {
  return {
    options: (settings, onFlow) => ({
      store,
      settings: settings ?? {},
      onFlow,
      mode: {
        kind: 'browser',
        redirectUri: callbackUrl(),
        newState: () => pendingAuthorizations.newState(),
        wait: (state) => pendingAuthorizations.expect(state, USER_WAIT_MS),
        cancel: (state, reason) => pendingAuthorizations.cancel(state, reason),
        open: () => undefined,
      },
    }),
    credentials: async (serverUrl) => {
      const entry = await store.get(serverUrl);
      return entry === undefined ? undefined : summarize(entry);
    },
    forget: (serverUrl) => store.remove(serverUrl),
  };
}
