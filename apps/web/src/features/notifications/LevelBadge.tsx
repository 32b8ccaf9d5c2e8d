const STYLES: Record<string, string> = {
  debug: 'bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400',
  info: 'bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-300',
  notice: 'bg-teal-100 text-teal-800 dark:bg-teal-900/50 dark:text-teal-300',
  warning: 'bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-300',
  error: 'bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-300',
  // The three worst levels are solid so they stand out in a wall of info lines.
  critical: 'bg-red-600 text-white',
  alert: 'bg-red-700 text-white',
  emergency: 'bg-red-900 text-white ring-1 ring-red-400',
};

/** The level of a `notifications/message`, coloured by severity. */
export function LevelBadge({ level }: { level: unknown }) {
  const text = typeof level === 'string' ? level : JSON.stringify(level);
  const style =
    STYLES[text] ?? 'bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-900/50 dark:text-fuchsia-300';
  return (
    <span
      className={`inline-flex w-[4.75rem] shrink-0 justify-center rounded px-1.5 py-0.5 text-[11px] leading-none font-semibold ${style}`}
      title={STYLES[text] === undefined ? `${text} is not an MCP log level` : `level ${text}`}
    >
      {text}
    </span>
  );
}
