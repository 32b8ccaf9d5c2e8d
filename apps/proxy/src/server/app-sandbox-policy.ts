/**
 * The Content-Security-Policy and Permissions-Policy of an MCP App's document, built from
 * its resource's `_meta.ui.csp` and `_meta.ui.permissions` the way the MCP Apps
 * specification (SEP-1865, `io.modelcontextprotocol/ui`) asks a host to: nothing reaches
 * the network unless the resource declared the domain, and no powerful feature is allowed
 * unless it was asked for.
 */

/** `_meta.ui.csp` of a `ui://` resource (spec: McpUiResourceCsp). */
export interface AppCsp {
  connectDomains?: string[];
  resourceDomains?: string[];
  frameDomains?: string[];
  baseUriDomains?: string[];
}

/** `_meta.ui.permissions` of a `ui://` resource (spec: McpUiResourcePermissions). */
export interface AppPermissions {
  camera?: object;
  microphone?: object;
  geolocation?: object;
  clipboardWrite?: object;
}

/**
 * A CSP source a resource may declare: a scheme and host (wildcard subdomains allowed), an
 * optional port. Anything else (`'unsafe-eval'`, `*`, `data:`, a `;` that would start a new
 * directive) is dropped: a server must not be able to widen the policy beyond domains.
 */
const SOURCE = /^(https?|wss?):\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i;

/** The declared domains that are valid CSP sources, and the ones that were dropped. */
export function cleanSources(list: unknown): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  if (!Array.isArray(list)) return { kept, dropped };
  for (const item of list) {
    if (typeof item === 'string' && SOURCE.test(item)) kept.push(item.toLowerCase());
    else dropped.push(String(item));
  }
  return { kept, dropped };
}

/**
 * The app document's CSP. Inline script and style are the app's own (a `ui://` resource is
 * one self-contained HTML text), so they are allowed; everything fetched needs a declared
 * domain. `frame-ancestors` are the sandbox and inspector origins (a browser checks every
 * ancestor): only our sandbox page, inside our inspector page, may frame it.
 */
export function appCspHeader(csp: AppCsp | undefined, ancestors: string): string {
  const resources = cleanSources(csp?.resourceDomains).kept;
  const connect = cleanSources(csp?.connectDomains).kept;
  const frames = cleanSources(csp?.frameDomains).kept;
  const bases = cleanSources(csp?.baseUriDomains).kept;
  const list = (items: string[], fallback = "'none'"): string =>
    items.length > 0 ? items.join(' ') : fallback;
  const withResources = (prefix: string): string =>
    [prefix, ...resources].filter((s) => s !== '').join(' ');
  return [
    "default-src 'none'",
    `script-src ${withResources("'unsafe-inline'")}`,
    `style-src ${withResources("'unsafe-inline'")}`,
    `img-src ${withResources('data: blob:')}`,
    `font-src ${withResources('data:')}`,
    `media-src ${withResources('data: blob:')}`,
    `connect-src ${list(connect)}`,
    `frame-src ${list(frames)}`,
    `base-uri ${list(bases)}`,
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

const FEATURES: [keyof AppPermissions, string][] = [
  ['camera', 'camera'],
  ['microphone', 'microphone'],
  ['geolocation', 'geolocation'],
  ['clipboardWrite', 'clipboard-write'],
];

/** The Permissions-Policy header: the features asked for are allowed, the others refused. */
export function permissionsPolicyHeader(permissions: AppPermissions | undefined): string {
  return FEATURES.map(([key, feature]) =>
    permissions?.[key] !== undefined ? `${feature}=*` : `${feature}=()`,
  ).join(', ');
}

/** The iframe `allow` attribute for the same permissions (spec: buildAllowAttribute). */
export function allowAttribute(permissions: AppPermissions | undefined): string {
  return FEATURES.filter(([key]) => permissions?.[key] !== undefined)
    .map(([, feature]) => feature)
    .join('; ');
}
