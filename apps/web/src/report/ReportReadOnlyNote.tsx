/** In the report, where a live page has the arguments form and Send: why there is none. */
export function ReportReadOnlyNote() {
  return (
    <p className="rounded-md border border-zinc-200 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-800">
      A report is read-only: the recorded calls are below. Open the recording with{' '}
      <code>mcpscope view FILE</code> or connect the server to call this tool.
    </p>
  );
}
