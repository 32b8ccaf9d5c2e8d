import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeTarget } from '@mcpscope/protocol';
import { VERSION } from '../version.js';
import pageScript from './html/report-page.js?raw';
import pageStyle from './html/report.css?raw';
import { entriesOf, type LoadedRecording } from './load.js';
import { reportIndex } from './report-index.js';

/**
 * A self-contained HTML report of a recording: one file, no network, inline CSS and JS, so
 * it opens from file:// and can be attached to a bug report.
 *
 * The recording travels gzipped and base64-encoded in a non-executable `<script
 * type="application/gzip">`: a 100,000-entry recording is tens of megabytes of JSON, which
 * Chromium takes seconds just to read and parse as HTML, and a few as base64 of gzip (the
 * page inflates it with DecompressionStream). The page parses a small index of list rows
 * up front and each entry only when it is shown. Base64 also means no server-controlled
 * byte reaches the HTML parser. The page builds its DOM with `textContent` only, and a
 * Content-Security-Policy allows just this page's own script and style (by hash) and no
 * network at all.
 */
export function recordingToHtml(recording: LoadedRecording, file: string): string {
  const meta = {
    file: basename(file),
    generator: `mcpscope ${VERSION}`,
    header: recording.header,
    warnings: recording.warnings,
  };
  const index = reportIndex(entriesOf(recording));
  // Three parts, one per line (JSON escapes newlines inside strings): what the page parses
  // up front, then the entries it parses one at a time when shown.
  const text = `${JSON.stringify(meta)}\n${JSON.stringify(index)}\n${recording.lines.join('\n')}`;
  const data = gzipSync(text).toString('base64');
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
<script type="application/gzip" id="recording-data">${data}</script>
<script>${pageScript}</script>
</body>
</html>
`;
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
