/**
 * Starts the recording parser's worker. The HTML report's build swaps this module for
 * src/report/no-worker.ts (vite.config.ts): its hash-only CSP allows no worker, whose script
 * could not be hashed, and the report has no file beside it to load one from.
 */
export function startRecordingWorker(): Worker {
  return new Worker(new URL('./recording-worker.ts', import.meta.url), { type: 'module' });
}
