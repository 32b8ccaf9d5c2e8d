/** The report's stand-in for lib/recording-worker-start.ts: there is no worker to start. */
export function startRecordingWorker(): Worker {
  throw new Error('the HTML report reads recordings on the main thread');
}
