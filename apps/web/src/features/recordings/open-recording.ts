import { create } from 'zustand';
import { actions } from '../../lib/inspector';
import { readRecording } from '../../lib/read-recording';
import type { ParseResult } from '../../lib/recording-file';
import { showRecordedCalls } from './timeline-actions';

/** The last recording that could not be opened, and why; shown until dismissed. */
export const useOpenError = create<{ message: string | undefined }>(() => ({
  message: undefined,
}));

/**
 * Opens a recording file as a read-only session, or shows why it cannot be. It is read off
 * the main thread (read-recording.ts): a large file keeps the page responsive.
 */
export async function openBlob(file: Blob, name: string): Promise<boolean> {
  return openParsed(await readRecording(file, name));
}

/** Opens what was read, or says why it could not be. */
export function openParsed(read: ParseResult): boolean {
  useOpenError.setState({ message: read.ok ? undefined : read.message });
  if (!read.ok) return false;
  const { sessionId } = actions.openRecording(read.recording);
  showRecordedCalls(sessionId);
  return true;
}

/** A file the user picked or dropped. */
export async function openFile(file: File): Promise<boolean> {
  if (!/\.jsonl?$/i.test(file.name) && file.type !== '' && !/json/.test(file.type)) {
    useOpenError.setState({
      message: `${file.name} is not a recording: drop the .jsonl file mcpscope recorded`,
    });
    return false;
  }
  return openBlob(file, file.name);
}

/** A file the proxy serves: one of its recordings, or the file of `mcpscope view FILE`. */
export async function openUrl(url: string, name: string): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch {
    useOpenError.setState({
      message: `cannot reach the mcpscope proxy to read ${name}; is it still running?`,
    });
    return false;
  }
  if (!response.ok) {
    const body = await response.text();
    let message = body;
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      // Plain text (the access guard's answer): shown as it is.
    }
    useOpenError.setState({ message: `cannot open ${name}: ${message}` });
    return false;
  }
  return openBlob(await response.blob(), name);
}

/** The name a served file goes by, from its Content-Disposition. */
function servedName(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/**
 * `mcpscope view FILE` prints a URL with `?view=file`: the page opens that file once, then
 * drops the parameter so a reload does not open it a second time.
 */
export async function openFromAddress(): Promise<void> {
  const url = new URL(window.location.href);
  if (url.searchParams.get('view') !== 'file') return;
  url.searchParams.delete('view');
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  let response: Response;
  try {
    response = await fetch('/api/view-file', { cache: 'no-store' });
  } catch {
    useOpenError.setState({ message: 'cannot reach the mcpscope proxy to read the file' });
    return;
  }
  if (!response.ok) {
    useOpenError.setState({ message: `cannot open the file: ${await response.text()}` });
    return;
  }
  await openBlob(await response.blob(), servedName(response, 'recording.jsonl'));
}
