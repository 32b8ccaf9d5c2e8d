import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { describeTarget } from '@mcpscope/protocol';
import { VERSION } from '../version.js';
import pageScript from './html/report-page.js?raw';
import pageStyle from './html/report.css?raw';
import type { LoadedRecording } from './load.js';

/**
 * A self-contained HTML report of a recording: one file, no network, inline CSS and JS, so
 * it opens from file:// and can be attached to a bug report.
 *
 * Recordings hold server-controlled strings, so the data travels as JSON in a
 * non-executable `<script type="application/json">` with `<`, `>` and `&` escaped (no
 * payload can close the element), the page builds its DOM with `textContent` only, and a
 * Content-Security-Policy allows just this page's own script and style (by hash) and no
 * network at all.
 */
export function recordingToHtml(recording: LoadedRecording, file: string): string {
  const data = escapeJsonForHtml(
    JSON.stringify({
      file: basename(file),
      generator: `mcpscope ${VERSION}`,
      header: recording.header,
      entries: recording.entries,
      warnings: recording.warnings,
    }),
  );
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(pageScript)}'`,
    `style-src '${sha256(pageStyle)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `mcpscope report: ${describeTarget(recording.header.target)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mcpscope ${escapeHtml(VERSION)}">
<title>${escapeHtml(title)}</title>
<style>${pageStyle}</style>
</head>
<body>
<noscript><p class="noscript">This report needs JavaScript to show the recording.</p></noscript>
<div id="app"></div>
<script type="application/json" id="recording-data">${data}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}

/** JSON that cannot end the `<script>` element it sits in: `<`, `>`, `&` as `\u` escapes. */
export function escapeJsonForHtml(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
