/** The revisions a user may pin, newest first: the stateless one, then the initialize ones. */
export const PINNABLE_VERSIONS = [
  '2026-07-28',
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
] as const;

/** What the form holds: `auto`, `legacy` or a pinned revision (the config's `protocolVersion`). */
export type ProtocolFormValue = string;

const field =
  'rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/**
 * Which era and revision to speak: Auto probes with `server/discover` and falls back to
 * `initialize`; Legacy opens with `initialize` only; a pinned revision is offered as is.
 */
export function ProtocolChoice({
  value,
  onChange,
}: {
  value: ProtocolFormValue;
  onChange: (value: ProtocolFormValue) => void;
}) {
  const mode = value === 'auto' || value === 'legacy' ? value : 'pinned';
  return (
    <div>
      <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Protocol
      </span>
      <div className="flex flex-wrap items-center gap-2">
        <div
          className="flex gap-1 rounded-lg bg-zinc-100 p-1 text-sm dark:bg-zinc-800/60"
          role="radiogroup"
          aria-label="Protocol"
        >
          {(
            [
              ['auto', 'Auto'],
              ['legacy', 'Legacy (initialize only)'],
              ['pinned', 'Pinned revision'],
            ] as const
          ).map(([choice, text]) => (
            <button
              key={choice}
              type="button"
              role="radio"
              aria-checked={mode === choice}
              onClick={() => onChange(choice === 'pinned' ? PINNABLE_VERSIONS[0] : choice)}
              className={`rounded-md px-2 py-1 ${mode === choice ? 'bg-white font-medium shadow-sm dark:bg-zinc-900' : 'text-zinc-600 dark:text-zinc-400'}`}
            >
              {text}
            </button>
          ))}
        </div>
        {mode === 'pinned' && (
          <select
            aria-label="Protocol revision"
            className={`${field} font-mono`}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          >
            {PINNABLE_VERSIONS.map((v) => (
              <option key={v} value={v}>
                {v}
                {v === '2026-07-28' ? ' (stateless, server/discover)' : ' (initialize)'}
              </option>
            ))}
          </select>
        )}
      </div>
      <p className="mt-1 text-[11px] text-zinc-500">
        {mode === 'auto'
          ? 'Probes with server/discover (2026-07-28) and falls back to initialize when the server does not know it.'
          : mode === 'legacy'
            ? 'Opens with initialize only, as a 2025 client would.'
            : value >= '2026-07-28'
              ? 'Speaks 2026-07-28 only: the server must list it in server/discover.'
              : `Offers ${value} in initialize.`}
      </p>
    </div>
  );
}
