/**
 * The MCP Apps checks of `mcpscope lint` (the extension `io.modelcontextprotocol/ui`): a tool
 * that names a `ui://` resource in `_meta.ui.resourceUri` must name one the server can read,
 * served as `text/html;profile=mcp-app`, or a host shows no app (or refuses it).
 */

/** The MIME type of an MCP App document. */
export const APP_MIME_TYPE = 'text/html;profile=mcp-app';

/** What reading one `ui://` resource gave: its mimeType, or why it could not be read. */
export type AppResourceFacts =
  { ok: true; mimeType: string | undefined } | { ok: false; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The resource a tool names for its app: `_meta.ui.resourceUri`, or the earlier flat key
 * `_meta["ui/resourceUri"]`. Returned as given (even when it is not `ui://`), so lint can say so.
 */
export function toolAppUri(tool: Record<string, unknown>): string | undefined {
  const meta = tool['_meta'];
  if (!isRecord(meta)) return undefined;
  const ui = meta['ui'];
  const nested = isRecord(ui) ? ui['resourceUri'] : undefined;
  const uri = nested ?? meta['ui/resourceUri'];
  return typeof uri === 'string' ? uri : undefined;
}

/** Reads what lint needs of a resources/read result: the mimeType of the named contents. */
export function appResourceFacts(uri: string, result: unknown): AppResourceFacts {
  const contents = isRecord(result) && Array.isArray(result['contents']) ? result['contents'] : [];
  const item =
    contents.find((c): c is Record<string, unknown> => isRecord(c) && c['uri'] === uri) ??
    contents.find(isRecord);
  if (item === undefined) return { ok: false, message: 'resources/read returned no contents' };
  const mimeType = item['mimeType'];
  return { ok: true, mimeType: typeof mimeType === 'string' ? mimeType : undefined };
}

type AddFinding = (
  rule: 'app-resource-missing' | 'app-resource-mime-type',
  name: string,
  message: string,
  path: string,
) => void;

/** The findings of one tool's app resource, given what reading it gave. */
export function lintToolApp(
  tool: Record<string, unknown>,
  resources: Record<string, AppResourceFacts>,
  add: AddFinding,
): void {
  const uri = toolAppUri(tool);
  if (uri === undefined) return;
  const name = typeof tool['name'] === 'string' ? tool['name'] : '(unnamed)';
  const path = '_meta.ui.resourceUri';
  if (!uri.startsWith('ui://')) {
    add(
      'app-resource-missing',
      name,
      `tool "${name}" names ${JSON.stringify(uri)} for its app; MCP Apps resources are ui:// URIs`,
      path,
    );
    return;
  }
  const facts = resources[uri];
  if (facts === undefined) return;
  if (!facts.ok) {
    add(
      'app-resource-missing',
      name,
      `tool "${name}" names ${uri} for its app, but resources/read of it fails (${facts.message}): register the resource, or drop _meta.ui.resourceUri`,
      path,
    );
  } else if (facts.mimeType?.replace(/\s+/g, '').toLowerCase() !== APP_MIME_TYPE) {
    add(
      'app-resource-mime-type',
      name,
      `the app resource ${uri} of tool "${name}" is ${facts.mimeType === undefined ? 'served without a mimeType' : `"${facts.mimeType}"`}; hosts render only "${APP_MIME_TYPE}"`,
      path,
    );
  }
}
