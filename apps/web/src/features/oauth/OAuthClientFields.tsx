import type { OAuthClientSettings } from '@mcpscope/protocol';

const field =
  'w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm font-mono dark:border-zinc-700 dark:bg-zinc-900';
const label = 'mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400';

const FIELDS: {
  key: Exclude<keyof OAuthClientSettings, 'strict'>;
  label: string;
  placeholder: string;
  secret?: boolean;
}[] = [
  { key: 'clientId', label: 'Client ID', placeholder: 'pre-registered client id' },
  {
    key: 'clientSecret',
    label: 'Client secret',
    placeholder: 'for a confidential client',
    secret: true,
  },
  {
    key: 'clientMetadataUrl',
    label: 'Client ID Metadata Document URL',
    placeholder: 'https://example.com/client.json',
  },
  { key: 'scope', label: 'Scope', placeholder: 'when the server names none' },
];

/**
 * The OAuth client of a connection, for servers without dynamic registration. Empty means:
 * register dynamically, as the server allows.
 */
export function OAuthClientFields({
  value,
  onChange,
}: {
  value: OAuthClientSettings;
  onChange: (value: OAuthClientSettings) => void;
}) {
  return (
    <details className="rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <summary className="cursor-pointer text-xs font-medium text-zinc-600 dark:text-zinc-400">
        OAuth client{' '}
        <span className="font-normal">(optional: pre-registered client or metadata document)</span>
      </summary>
      <div className="mt-2 grid grid-cols-2 gap-3">
        {FIELDS.map((f) => (
          <div key={f.key}>
            <label className={label} htmlFor={`oauth-${f.key}`}>
              {f.label}
            </label>
            <input
              id={`oauth-${f.key}`}
              type={f.secret === true ? 'password' : 'text'}
              autoComplete="off"
              className={field}
              value={value[f.key] ?? ''}
              placeholder={f.placeholder}
              onChange={(e) => {
                const next = { ...value };
                if (e.target.value.trim() === '') delete next[f.key];
                else next[f.key] = e.target.value.trim();
                onChange(next);
              }}
            />
          </div>
        ))}
      </div>
      <label className="mt-2 flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <input
          type="checkbox"
          checked={value.strict === true}
          onChange={(e) => {
            const next = { ...value };
            if (e.target.checked) next.strict = true;
            else delete next.strict;
            onChange(next);
          }}
        />
        Strict OAuth: stop at an RFC 8414 issuer mismatch (otherwise a warning on the step)
      </label>
    </details>
  );
}
