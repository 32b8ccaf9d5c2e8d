import { Badge } from '../../components/Badge';
import { SUB_FLAGS } from './capabilities';
import { own } from '../../lib/name-map';

/** One side's capabilities, each with what it means and its sub-flags. */
export function CapabilityList({
  capabilities,
  meanings,
}: {
  capabilities: Record<string, unknown>;
  meanings: Record<string, string>;
}) {
  const entries = Object.entries(capabilities);
  if (entries.length === 0) return <p className="text-sm text-zinc-500">none declared</p>;
  return (
    <ul className="space-y-1.5 text-sm">
      {entries.map(([name, value]) => {
        const flags =
          typeof value === 'object' && value !== null
            ? Object.entries(value as Record<string, unknown>)
            : [];
        return (
          <li key={name}>
            <code className="font-semibold">{name}</code>
            <span className="text-zinc-600 dark:text-zinc-400">
              {' '}
              — {own(meanings, name) ?? 'a capability this inspector does not describe'}
            </span>
            {flags.length > 0 && (
              <span className="ml-1 inline-flex flex-wrap gap-1 align-middle">
                {flags.map(([flag, on]) => (
                  <Badge
                    key={flag}
                    tone={on === false ? 'neutral' : 'blue'}
                    title={own(SUB_FLAGS, flag) ?? JSON.stringify(on)}
                  >
                    {flag}
                    {typeof on === 'object' && on !== null && Object.keys(on).length > 0
                      ? ` {${Object.keys(on).join(', ')}}`
                      : ''}
                  </Badge>
                ))}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
