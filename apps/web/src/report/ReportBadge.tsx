import { useReportInfo } from '../lib/report-mode';

/** The top bar's note that this page is a report: which file, made by which mcpscope. */
export function ReportBadge() {
  const { file, generator } = useReportInfo();
  if (file === undefined) return null;
  return (
    <span
      className="shrink-0 truncate text-xs text-zinc-500"
      data-testid="report-badge"
      title="A static report: read-only, no network. Secrets are redacted unless the export was made with --no-redact."
    >
      Report of {file}
      {generator !== undefined && ` · ${generator}`}
    </span>
  );
}
