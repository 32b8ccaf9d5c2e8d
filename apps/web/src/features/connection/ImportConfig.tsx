import { describeTarget, parseServersConfig, type ServerConfig } from '@mcpscope/protocol';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { actions } from '../../lib/inspector';

/** Paste a Claude Desktop / Cursor `mcpServers` or VS Code `servers` config; connect or save its servers. */
export function ImportConfig() {
  const [text, setText] = useState('');
  const parsed = text.trim() === '' ? undefined : parseServersConfig(text);
  const servers: [string, ServerConfig][] =
    parsed?.ok === true ? Object.entries(parsed.servers) : [];
  return (
    <div className="space-y-2">
      <textarea
        aria-label="Config to import"
        className="h-28 w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        placeholder={
          '{ "mcpServers": { "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"] } } }'
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {parsed?.ok === false && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {parsed.message}
        </p>
      )}
      {parsed?.ok === true && (
        <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
          {servers.map(([name, config]) => (
            <li key={name} className="flex items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <div className="font-medium">{name}</div>
                <div className="truncate font-mono text-xs text-zinc-500">
                  {config.transport} · {describeTarget({ ...config, name: undefined })}
                </div>
              </div>
              <Button onClick={() => void actions.connect(config)}>Connect</Button>
              <Button
                variant="ghost"
                onClick={() => void actions.saveServer({ id: crypto.randomUUID(), name, config })}
              >
                Save
              </Button>
            </li>
          ))}
          {parsed.problems.map((p) => (
            <li key={p.server} className="px-3 py-2 text-amber-800 dark:text-amber-300">
              {p.server}: skipped ({p.message})
            </li>
          ))}
          {servers.length === 0 && parsed.problems.length === 0 && (
            <li className="px-3 py-2 text-zinc-500">No servers in this config.</li>
          )}
        </ul>
      )}
    </div>
  );
}
