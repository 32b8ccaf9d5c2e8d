/**
 * The sandbox proxy of the MCP Apps specification: the outer of two iframes, on an origin
 * of its own. It frames the app's document (an opaque origin: `sandbox` without
 * `allow-same-origin`) and relays JSON-RPC between the app and the host (the inspector
 * page), accepting from the host only messages of the host's origin and posting to the
 * host only at that origin. Its own `ui/notifications/sandbox-*` messages are not relayed.
 */
export const SANDBOX_SCRIPT = `(() => {
  'use strict';
  const meta = document.querySelector('meta[name="mcpscope-app"]');
  const hostOrigin = meta.dataset.hostOrigin;
  const inner = document.createElement('iframe');
  inner.setAttribute('sandbox', 'allow-scripts allow-forms');
  if (meta.dataset.allow) inner.setAttribute('allow', meta.dataset.allow);
  inner.setAttribute('title', 'MCP App');
  inner.src = meta.content;
  const isSandboxMessage = (m) =>
    m !== null && typeof m === 'object' && typeof m.method === 'string' &&
    m.method.startsWith('ui/notifications/sandbox-');
  window.addEventListener('message', (event) => {
    if (event.source === window.parent) {
      if (event.origin !== hostOrigin || isSandboxMessage(event.data)) return;
      // The app's origin is opaque: '*' is the only target that reaches it.
      inner.contentWindow?.postMessage(event.data, '*');
    } else if (event.source === inner.contentWindow) {
      if (isSandboxMessage(event.data)) return;
      window.parent.postMessage(event.data, hostOrigin);
    }
  });
  document.body.appendChild(inner);
  window.parent.postMessage(
    { jsonrpc: '2.0', method: 'ui/notifications/sandbox-proxy-ready', params: {} },
    hostOrigin,
  );
})();
`;

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The sandbox page of one staged app. */
export function sandboxPage(args: { appPath: string; hostOrigin: string; allow: string }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>MCP App sandbox</title>
<meta name="mcpscope-app" content="${escapeAttribute(args.appPath)}" data-host-origin="${escapeAttribute(args.hostOrigin)}" data-allow="${escapeAttribute(args.allow)}">
<style>html,body{margin:0;height:100%;overflow:hidden;background:transparent}iframe{border:0;width:100%;height:100%;display:block}</style>
<script src="/sandbox.js" defer></script></head><body></body></html>`;
}
