// What the two content renderers (components/ContentBlock.tsx for tool results and prompt
// messages, features/resources/ResourceContentsView.tsx for resources/read) share: one text
// preview limit, one mime check, one way to decode, name and download a blob.

/** Characters of a text shown before "Show all": a 20 MB text would hang the page. */
export const TEXT_PREVIEW = 20_000;

/** Only a plain `type/subtype` goes into a data URI or Blob type, so a hostile mimeType adds nothing. */
export function safeMime(mimeType: string | undefined): string {
  const base = mimeType?.split(';')[0]?.trim() ?? '';
  return /^[\w.+-]+\/[\w.+-]+$/.test(base) ? base : 'application/octet-stream';
}

/** A data: URI of base64 content under a checked mime type. */
export function dataUri(base64: string, mimeType: string | undefined): string {
  return `data:${safeMime(mimeType)};base64,${base64.replace(/\s/g, '')}`;
}

/** The bytes of base64 text, or undefined when it is not base64. */
export function decodeBase64(blob: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(blob.replace(/\s/g, ''));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

// Extensions for a downloaded file whose URI has none, so the OS knows what opens it.
const EXTENSIONS: Partial<Record<string, string>> = {
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/html': 'html',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/gzip': 'gz',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
};

/**
 * A download name from the URI's last segment (decoded, anything but letters, digits, dot,
 * dash and space replaced, at most 100 characters), with an extension from the mime type if
 * it has none: a server names the file, never where it goes.
 */
export function fileName(uri: string | undefined, mimeType: string | undefined): string {
  let last =
    (uri ?? '')
      .split(/[/\\?#]/)
      .filter(Boolean)
      .pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // Keep it as it is.
  }
  last = last.replace(/[^\w.\- ]+/g, '_').slice(0, 100);
  if (last === '' || last.endsWith(':')) last = 'resource';
  const extension = EXTENSIONS[safeMime(mimeType)];
  if (!last.includes('.') && extension !== undefined) last += `.${extension}`;
  return last;
}

/** Saves bytes as a file named `name`. */
export function download(
  bytes: Uint8Array<ArrayBuffer>,
  mimeType: string | undefined,
  name: string,
): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: safeMime(mimeType) }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has its own copy by the time this runs; the URL only pins the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
