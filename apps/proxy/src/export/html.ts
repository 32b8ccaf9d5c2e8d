import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeTarget } from '@mcpscope/protocol';
import { VERSION } from '../version.js';
// The web app's report build (apps/web, `vite build --mode report`): the same app the proxy
// serves, as one script and one stylesheet, reading the recording embedded below.
import appScript from '@mcpscope/web/dist-report/report.js?raw';
import appStyle from '@mcpscope/web/dist-report/report.css?raw';
import type { LoadedRecording } from './load.js';

/** The id of the element that carries the recording; the app reads it (src/report/). */
const RECORDING_ELEMENT_ID = 'mcpscope-recording';

/**
 * A self-contained HTML report of a recording: the web app, built as one static file that
 * shows this recording read-only through the same client a live page uses, so there is one
 * viewer. One file, no network, inline CSS and JS, so it opens from file:// and can be
 * attached to a bug report.
 *
 * The recording travels gzipped and base64-encoded in a non-executable `<script
 * type="application/gzip">`: a 100,000-entry recording is tens of megabytes of JSON, which
 * Chromium takes seconds just to read and parse as HTML, and a few as base64 of gzip (the
 * page inflates it with DecompressionStream). Base64 also means no server-controlled byte
 * reaches the HTML parser. The app renders text through React (never as markup), and a
 * Content-Security-Policy allows just this page's own script and style (by hash) and no
 * network at all.
 */
export function recordingToHtml(recording: LoadedRecording, file: string): string {
  const meta = {
    file: basename(file),
    generator: `mcpscope ${VERSION}`,
    warnings: recording.warnings,
  };
  // What the app reads: one line about the export, then the recording as its file has it.
  const text = [JSON.stringify(meta), JSON.stringify(recording.header), ...recording.lines].join(
    '\n',
  );
  const data = gzipSync(text).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(script())}'`,
    `style-src '${sha256(style())}'`,
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
<meta name="color-scheme" content="dark light">
<meta name="generator" content="mcpscope ${escapeHtml(VERSION)}">
<title>${escapeHtml(title)}</title>
<style>${style()}</style>
</head>
<body>
<noscript><p>This report needs JavaScript to show the recording.</p></noscript>
<div id="root"></div>
<script type="application/gzip" id="${RECORDING_ELEMENT_ID}">${data}</script>
<script>${script()}</script>
</body>
</html>
`;
}

/**
 * The app's script, checked once: inlined, it must not be able to end its element early
 * (`</script`) or switch the HTML parser into its escaped states (`<!--`). The build has
 * neither; a dependency that brought one in would break every report, so this says so.
 */
function script(): string {
  if (/<\/script|<!--/i.test(appScript))
    throw new Error(
      'the web app report build contains "</script" or "<!--", which cannot be inlined; rebuild apps/web after finding which dependency brought it in',
    );
  return appScript;
}

function style(): string {
  if (/<\/style/i.test(appStyle))
    throw new Error('the web app report build has "</style" in its CSS, which cannot be inlined');
  return appStyle;
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
