/**
 * Where `mcpscope export --html` puts the recording: a `<script type="application/gzip">`
 * with base64 of gzip of one JSON line about the export, then the recording's lines as in the
 * file. Base64 means no byte of the recording reaches the HTML parser (nothing to escape, no
 * `</script>` to fear), and gzip keeps a 100,000-entry page a few megabytes, which Chromium
 * reads far faster than tens of megabytes of HTML text.
 */
export const RECORDING_ELEMENT_ID = 'mcpscope-recording';

/**
 * The embedded text, being inflated. This module is the report's first import, so the
 * decompression (native, off the main thread) starts before the rest of the app's modules
 * initialise, and overlaps with them. It imports nothing for that reason.
 */
export const embeddedText: Promise<string> = inflate(
  (document.getElementById(RECORDING_ELEMENT_ID)?.textContent ?? '').trim(),
);

async function inflate(base64: string): Promise<string> {
  const fromBase64 = (Uint8Array as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  let bytes: Uint8Array;
  if (fromBase64 !== undefined) {
    bytes = fromBase64(base64);
  } else {
    const binary = atob(base64);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  }
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}
