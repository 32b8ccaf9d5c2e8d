/** What the user typed, read as a root URI: the URI to send, or why it cannot be one. */
export type ParsedRoot = { ok: true; uri: string; warning?: string } | { ok: false; error: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const WINDOWS_DRIVE = /^[a-z]:[\\/]/i;

/**
 * Turns a path or a URI into a root URI. Paths become `file://` URIs (`/a/b` →
 * `file:///a/b`); `file://` URIs are kept as typed; other schemes are allowed but flagged,
 * because the MCP spec says root URIs are `file://` for now and servers may refuse others.
 */
export function parseRootInput(input: string): ParsedRoot {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'type an absolute path or a file:// URI' };
  if (text.startsWith('~'))
    return {
      ok: false,
      error: 'the proxy does not expand ~: type the absolute path (e.g. /home/me/project)',
    };
  if (WINDOWS_DRIVE.test(text))
    return { ok: true, uri: `file:///${encodePath(text.replace(/\\/g, '/'))}` };
  if (text.startsWith('/')) return { ok: true, uri: `file://${encodePath(text)}` };
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined)
    return {
      ok: false,
      error: `"${text}" is a relative path: give an absolute path (starting with /) or a URI`,
    };
  if (scheme === 'file') {
    if (!text.toLowerCase().startsWith('file://'))
      return { ok: false, error: 'a file URI starts with file:// (e.g. file:///home/me/project)' };
    return { ok: true, uri: text };
  }
  if (!URL.canParse(text)) return { ok: false, error: `"${text}" is not a valid URI` };
  return {
    ok: true,
    uri: text,
    warning: `${scheme}: is not a file:// URI. The MCP spec expects file:// roots; this server may ignore or reject it.`,
  };
}

// encodeURI keeps "/" and ":" but escapes spaces and non-ASCII, which a URI cannot hold raw.
function encodePath(path: string): string {
  return encodeURI(path);
}
