import type { TrafficEntry } from '@mcpscope/protocol';
import {
  parseRecordingSlices,
  SLICE_ENTRIES,
  type EntryCheck,
  type ParseEnd,
  type ParseResult,
} from './recording-file';
import type { ToPage, ToWorker } from './recording-worker-messages';
import { startRecordingWorker } from './recording-worker-start';

/**
 * Reads a recording without holding the page: in a Web Worker when the page may start one
 * (the worker decodes and parses the file), else on the main thread one slice at a time,
 * yielding between slices. Either way the main thread never runs one long task over the
 * whole file.
 */
export async function readRecording(file: Blob, name: string): Promise<ParseResult> {
  if (typeof Worker !== 'undefined') {
    const read = await inWorker(file, name).catch(() => undefined);
    if (read !== undefined) return read;
  }
  return onMainThread(await file.text(), name);
}

function finish(name: string, entries: TrafficEntry[], end: ParseEnd): ParseResult {
  return end.ok
    ? { ok: true, recording: { name, header: end.header, entries, warnings: end.warnings } }
    : end;
}

/** Rejects when no worker could be started, so the caller reads on the main thread. */
function inWorker(file: Blob, name: string): Promise<ParseResult> {
  return new Promise((resolve, reject) => {
    const worker = startRecordingWorker();
    const entries: TrafficEntry[] = [];
    worker.onmessage = (event: MessageEvent<ToPage>) => {
      const message = event.data;
      if (message.type === 'slice') {
        // Checked against the schemas in the worker, and serialised there from the checked
        // value: what is parsed here is exactly what the schemas let through.
        for (const entry of JSON.parse(message.json) as TrafficEntry[]) entries.push(entry);
        return;
      }
      worker.terminate();
      resolve(finish(name, entries, message.end));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage({ file, name } satisfies ToWorker);
  });
}

/** The text in slices on the main thread, yielding to the page between them. */
export async function onMainThread(
  text: string,
  name: string,
  check: EntryCheck = 'schema',
): Promise<ParseResult> {
  const entries: TrafficEntry[] = [];
  const slices = parseRecordingSlices(text, name, SLICE_ENTRIES, check);
  for (;;) {
    const step = slices.next();
    if (step.done === true) return finish(name, entries, step.value);
    for (const entry of step.value) entries.push(entry);
    await nextTask();
  }
}

/** Lets the page paint and handle input: a macrotask without setTimeout's 4 ms clamp. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}
