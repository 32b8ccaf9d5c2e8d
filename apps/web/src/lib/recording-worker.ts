// The recording parser's worker: a 100,000-entry file is split, parsed and checked against
// the protocol's schemas here, off the page's main thread, which only receives the entries
// slice by slice (see read-recording.ts).
import '../zod-config';
import { parseRecordingSlices } from './recording-file';
import type { ToPage, ToWorker } from './recording-worker-messages';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => Promise<void>) | null;
  postMessage(message: ToPage): void;
};

scope.onmessage = async (event) => {
  const slices = parseRecordingSlices(await event.data.file.text(), event.data.name);
  for (;;) {
    const step = slices.next();
    if (step.done === true) {
      scope.postMessage({ type: 'end', end: step.value });
      return;
    }
    scope.postMessage({ type: 'slice', json: JSON.stringify(step.value) });
  }
};
