import type { OAuthStepName } from '@mcpscope/protocol';

/** How each step is named on screen, with the specification it follows. */
export const STEP_LABELS: Record<OAuthStepName, { title: string; spec: string }> = {
  'resource-metadata': { title: 'Protected resource metadata', spec: 'RFC 9728' },
  'authorization-server-metadata': {
    title: 'Authorization server metadata',
    spec: 'RFC 8414 / OpenID discovery',
  },
  'client-registration': {
    title: 'Client registration',
    spec: 'pre-registered, metadata document or RFC 7591',
  },
  authorization: { title: 'Authorization (PKCE S256)', spec: 'RFC 6749 §4.1, RFC 9207' },
  token: { title: 'Token request', spec: 'RFC 6749 §4.1.3, RFC 8707 resource' },
  refresh: { title: 'Refresh', spec: 'RFC 6749 §6' },
};
