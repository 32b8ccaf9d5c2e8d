import type { TrafficEntry } from '@mcpscope/protocol';
import { loadFullEntry } from '../../lib/history';
import { actions } from '../../lib/inspector';
import type { SessionView } from '../../lib/store';

/** The MIME type of an MCP App document (MCP Apps specification, `io.modelcontextprotocol/ui`). */
export const APP_MIME_TYPE = 'text/html;profile=mcp-app';

/** `_meta.ui.csp` of a `ui://` resource. */
export interface AppCsp {
  connectDomains?: string[];
  resourceDomains?: string[];
  frameDomains?: string[];
  baseUriDomains?: string[];
}

/** `_meta.ui.permissions` of a `ui://` resource. */
export type AppPermissions = Partial<
  Record<'camera' | 'microphone' | 'geolocation' | 'clipboardWrite', Record<string, never>>
>;

/** A `ui://` resource read and ready to stage, or why it is not. */
export type AppDocument =
  | {
      ok: true;
      uri: string;
      html: string;
      mimeType: string | undefined;
      csp: AppCsp | undefined;
      permissions: AppPermissions | undefined;
      /** The seq of the resources/read response it came from. */
      seq: number | undefined;
    }
  | { ok: false; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The `ui://` resource a tool's definition names: `_meta.ui.resourceUri`, or the earlier
 * flat key `_meta["ui/resourceUri"]` that servers still send. Undefined when it has none
 * (or names something that is not `ui://`, which lint reports).
 */
export function toolAppUri(tool: Record<string, unknown> | undefined): string | undefined {
  const meta = tool?._meta;
  if (!isRecord(meta)) return undefined;
  const ui = meta.ui;
  const uri =
    isRecord(ui) && typeof ui.resourceUri === 'string' ? ui.resourceUri : meta['ui/resourceUri'];
  return typeof uri === 'string' && uri.startsWith('ui://') ? uri : undefined;
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;

/** The document in a resources/read result, with its `_meta.ui` csp and permissions. */
export function documentOf(uri: string, result: unknown, seq: number | undefined): AppDocument {
  const contents = isRecord(result) && Array.isArray(result.contents) ? result.contents : [];
  const item =
    contents.find((c): c is Record<string, unknown> => isRecord(c) && c.uri === uri) ??
    contents.find(isRecord);
  if (item === undefined)
    return { ok: false, message: `resources/read of ${uri} returned no contents` };
  const html =
    typeof item.text === 'string'
      ? item.text
      : typeof item.blob === 'string'
        ? decodeBase64(item.blob)
        : undefined;
  if (html === undefined)
    return { ok: false, message: `the contents of ${uri} have neither text nor blob` };
  const ui = isRecord(item._meta) && isRecord(item._meta.ui) ? item._meta.ui : {};
  const csp = isRecord(ui.csp)
    ? {
        ...(strings(ui.csp.connectDomains) && { connectDomains: strings(ui.csp.connectDomains) }),
        ...(strings(ui.csp.resourceDomains) && {
          resourceDomains: strings(ui.csp.resourceDomains),
        }),
        ...(strings(ui.csp.frameDomains) && { frameDomains: strings(ui.csp.frameDomains) }),
        ...(strings(ui.csp.baseUriDomains) && { baseUriDomains: strings(ui.csp.baseUriDomains) }),
      }
    : undefined;
  const permissions: AppPermissions | undefined = isRecord(ui.permissions)
    ? Object.fromEntries(
        (['camera', 'microphone', 'geolocation', 'clipboardWrite'] as const)
          .filter((k) => isRecord((ui.permissions as Record<string, unknown>)[k]))
          .map((k) => [k, {}]),
      )
    : undefined;
  return {
    ok: true,
    uri,
    html,
    mimeType: typeof item.mimeType === 'string' ? item.mimeType : undefined,
    csp,
    permissions,
    seq,
  };
}

function decodeBase64(blob: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(blob), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * The app's document as a recorded session holds it: the last resources/read of `uri` that
 * was answered successfully. A recording plays back what the host saw.
 */
export async function recordedDocument(session: SessionView, uri: string): Promise<AppDocument> {
  const requests = new Set<number>();
  let found: TrafficEntry | undefined;
  for (const entry of session.entries) {
    const msg = entry.msg as { method?: unknown; params?: { uri?: unknown }; result?: unknown };
    if (entry.dir === 'c2s' && msg?.method === 'resources/read' && msg.params?.uri === uri) {
      requests.add(entry.seq);
    } else if (
      entry.pairSeq !== undefined &&
      requests.has(entry.pairSeq) &&
      msg?.result !== undefined
    ) {
      found = entry;
    }
  }
  if (found === undefined)
    return {
      ok: false,
      message: `this recording has no resources/read of ${uri}: the app cannot be shown (record a session in which the host read it)`,
    };
  // The page holds previews of big entries; an app's document is usually one.
  const whole =
    found.truncated === undefined ? found : await loadFullEntry(session.summary.id, found.seq);
  return documentOf(uri, (whole.msg as { result?: unknown }).result, found.seq);
}

/** Reads the app's document through the session, as a host does when the tool is called. */
export async function liveDocument(sessionId: string, uri: string): Promise<AppDocument> {
  const outcome = await actions.request(sessionId, 'resources/read', { uri });
  if (!outcome.ok)
    return { ok: false, message: `resources/read of ${uri} failed: ${outcome.message}` };
  let result = outcome.result;
  if (outcome.truncated !== undefined && outcome.responseSeq !== undefined) {
    // The socket sent a preview (long strings cut): the document must be whole.
    result = ((await loadFullEntry(sessionId, outcome.responseSeq)).msg as { result?: unknown })
      .result;
  }
  return documentOf(uri, result, outcome.responseSeq);
}
