import {
  inferUrlConfig,
  ServerConfigSchema,
  type OAuthClientSettings,
  type ServerConfig,
} from '@mcpscope/protocol';
import { Plug, Save } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { actions } from '../../lib/inspector';
import { OAuthClientFields } from '../oauth/OAuthClientFields';
import { parsePairs, shellQuote, splitCommandLine } from './command-line';
import { ProtocolChoice } from './ProtocolChoice';

type TransportChoice = 'stdio' | 'streamable-http' | 'sse' | 'auto';

const field =
  'w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';
const label = 'mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400';

/** Form state for a config, and back. */
function toForm(config: ServerConfig | undefined) {
  if (config === undefined)
    return {
      transport: 'stdio' as TransportChoice,
      command: '',
      env: '',
      cwd: '',
      url: '',
      headers: '',
      bearer: '',
    };
  if (config.transport === 'stdio') {
    return {
      transport: 'stdio' as TransportChoice,
      command: [config.command, ...config.args].map(shellQuote).join(' '),
      env: Object.entries(config.env)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
      cwd: config.cwd ?? '',
      url: '',
      headers: '',
      bearer: '',
    };
  }
  const { Authorization: auth, authorization, ...rest } = config.headers;
  const bearer = /^Bearer\s+(.+)$/i.exec(auth ?? authorization ?? '')?.[1] ?? '';
  const headers = bearer === '' ? config.headers : rest;
  return {
    transport: (config.transport === 'streamable-http' && config.sseFallback
      ? 'auto'
      : config.transport) as TransportChoice,
    command: '',
    env: '',
    cwd: '',
    url: config.url,
    headers: Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
    bearer,
  };
}

/** Pick a transport, fill in a command or a URL, connect or save. */
export function ConnectForm({
  initial,
  onSaved,
}: {
  initial?: ServerConfig;
  onSaved?: () => void;
}) {
  const [form, setForm] = useState(() => toForm(initial));
  const [protocol, setProtocol] = useState(initial?.protocolVersion ?? 'auto');
  const [name, setName] = useState(initial?.name ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [oauth, setOAuth] = useState<OAuthClientSettings>({});
  const set = (patch: Partial<typeof form>): void => setForm((f) => ({ ...f, ...patch }));
  const argv = splitCommandLine(form.command);

  const build = (): ServerConfig | undefined => {
    const named = {
      ...(name.trim() !== '' && { name: name.trim() }),
      // Absent means auto: configs saved before the choice existed read the same.
      ...(protocol !== 'auto' && { protocolVersion: protocol }),
    };
    let candidate: unknown;
    if (form.transport === 'stdio') {
      const env = parsePairs(form.env, '=');
      if (env.bad.length > 0) return fail(`Environment lines must be KEY=value: "${env.bad[0]}"`);
      if (argv.length === 0)
        return fail(
          'Enter the command that starts the server, e.g. npx -y @modelcontextprotocol/server-everything',
        );
      candidate = {
        transport: 'stdio',
        command: argv[0],
        args: argv.slice(1),
        env: env.pairs,
        ...(form.cwd.trim() && { cwd: form.cwd.trim() }),
        ...named,
      };
    } else {
      const headers = parsePairs(form.headers, ':');
      if (headers.bad.length > 0)
        return fail(`Header lines must be "Name: value": "${headers.bad[0]}"`);
      if (form.bearer.trim() !== '')
        headers.pairs['Authorization'] = `Bearer ${form.bearer.trim()}`;
      const url = form.url.trim();
      candidate =
        form.transport === 'auto'
          ? { ...inferUrlConfig(url, headers.pairs), ...named }
          : { transport: form.transport, url, headers: headers.pairs, ...named };
    }
    const parsed = ServerConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return fail(`${issue.path.join('.') || 'config'}: ${issue.message}`);
    }
    setError(undefined);
    return parsed.data;
  };
  function fail(message: string): undefined {
    setError(message);
    return undefined;
  }

  const connect = async (): Promise<void> => {
    const config = build();
    if (config === undefined) return;
    setBusy(true);
    try {
      await actions.connect(
        config,
        config.transport !== 'stdio' && Object.keys(oauth).length > 0 ? { oauth } : undefined,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const save = async (): Promise<void> => {
    const config = build();
    if (config === undefined) return;
    if (name.trim() === '') {
      setError('Give the server a name to save it');
      return;
    }
    await actions.saveServer({ id: crypto.randomUUID(), name: name.trim(), config });
    onSaved?.();
  };

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
      aria-label="Connect to a server"
    >
      <div
        className="flex gap-1 rounded-lg bg-zinc-100 p-1 text-sm dark:bg-zinc-800/60"
        role="radiogroup"
        aria-label="Transport"
      >
        {(
          [
            ['stdio', 'stdio (command)'],
            ['auto', 'URL (auto)'],
            ['streamable-http', 'Streamable HTTP'],
            ['sse', 'SSE (legacy)'],
          ] as const
        ).map(([value, text]) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={form.transport === value}
            onClick={() => set({ transport: value })}
            className={`flex-1 rounded-md px-2 py-1 ${form.transport === value ? 'bg-white font-medium shadow-sm dark:bg-zinc-900' : 'text-zinc-600 dark:text-zinc-400'}`}
          >
            {text}
          </button>
        ))}
      </div>

      {form.transport === 'stdio' ? (
        <>
          <div>
            <label className={label} htmlFor="connect-command">
              Command
            </label>
            <input
              id="connect-command"
              className={`${field} font-mono`}
              placeholder="npx -y @modelcontextprotocol/server-everything"
              value={form.command}
              onChange={(e) => set({ command: e.target.value })}
              autoFocus
            />
            {argv.length > 1 && (
              <p className="mt-1 flex flex-wrap gap-1 text-[11px] text-zinc-500">
                runs <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{argv[0]}</code>{' '}
                with
                {argv.slice(1).map((a, i) => (
                  <code key={i} className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">
                    {a}
                  </code>
                ))}
              </p>
            )}
          </div>
          <div className="grid grid-cols-2 gap-3">
            <div>
              <label className={label} htmlFor="connect-env">
                Environment{' '}
                <span className="font-normal">
                  (KEY=value per line; added to a minimal PATH/HOME set)
                </span>
              </label>
              <textarea
                id="connect-env"
                className={`${field} h-20 font-mono`}
                value={form.env}
                onChange={(e) => set({ env: e.target.value })}
                placeholder="API_KEY=…"
              />
            </div>
            <div>
              <label className={label} htmlFor="connect-cwd">
                Working directory
              </label>
              <input
                id="connect-cwd"
                className={`${field} font-mono`}
                value={form.cwd}
                onChange={(e) => set({ cwd: e.target.value })}
                placeholder="(the proxy's)"
              />
            </div>
          </div>
        </>
      ) : (
        <>
          <div>
            <label className={label} htmlFor="connect-url">
              URL
            </label>
            <input
              id="connect-url"
              className={`${field} font-mono`}
              value={form.url}
              onChange={(e) => set({ url: e.target.value })}
              placeholder={
                form.transport === 'sse' ? 'http://127.0.0.1:3001/sse' : 'http://127.0.0.1:3001/mcp'
              }
              autoFocus
            />
            {form.transport === 'auto' && (
              <p className="mt-1 text-[11px] text-zinc-500">
                A path ending in /sse uses SSE; anything else tries Streamable HTTP and falls back
                to SSE on a 4xx.
              </p>
            )}
          </div>
          <div className="grid grid-cols-2 gap-3">
            <div>
              <label className={label} htmlFor="connect-headers">
                Headers <span className="font-normal">(Name: value per line)</span>
              </label>
              <textarea
                id="connect-headers"
                className={`${field} h-20 font-mono`}
                value={form.headers}
                onChange={(e) => set({ headers: e.target.value })}
                placeholder="X-Api-Key: …"
              />
            </div>
            <div>
              <label className={label} htmlFor="connect-bearer">
                Bearer token
              </label>
              <input
                id="connect-bearer"
                type="password"
                autoComplete="off"
                className={`${field} font-mono`}
                value={form.bearer}
                onChange={(e) => set({ bearer: e.target.value })}
                placeholder="sent as Authorization: Bearer …"
              />
            </div>
          </div>
          <OAuthClientFields value={oauth} onChange={setOAuth} />
        </>
      )}
      <ProtocolChoice value={protocol} onChange={setProtocol} />
      <div>
        <label className={label} htmlFor="connect-name">
          Name <span className="font-normal">(to save it)</span>
        </label>
        <input
          id="connect-name"
          className={field}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="my-server"
        />
      </div>
      {error !== undefined && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-300"
        >
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy}>
          <Plug size={14} /> Connect
        </Button>
        <Button onClick={() => void save()}>
          <Save size={14} /> Save
        </Button>
      </div>
    </form>
  );
}
