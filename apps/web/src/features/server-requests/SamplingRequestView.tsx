import type { ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import { JsonView } from '../../components/JsonView';
import { MessageContent } from './MessageContent';

type Params = Record<string, unknown>;

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="space-y-1.5">
      <h4 className="text-xs font-semibold text-zinc-500">{title}</h4>
      {children}
    </section>
  );
}

function Priority({ label, value }: { label: string; value: unknown }) {
  const n = typeof value === 'number' ? value : undefined;
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="w-36 font-mono text-zinc-500">{label}</span>
      <span className="h-1.5 w-24 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800">
        {n !== undefined && (
          <span
            className="block h-full bg-indigo-500"
            style={{ width: `${Math.max(0, Math.min(1, n)) * 100}%` }}
          />
        )}
      </span>
      <span className="font-mono tabular-nums">{n ?? 'not set'}</span>
    </div>
  );
}

function hintName(hint: unknown): string {
  const name = (hint as Params | null)?.['name'];
  return typeof name === 'string' ? name : JSON.stringify(hint);
}

/** Everything a `sampling/createMessage` asks for, so the human answers knowing all of it. */
export function SamplingRequestView({ params, sessionId }: { params: Params; sessionId: string }) {
  const messages = Array.isArray(params['messages']) ? (params['messages'] as unknown[]) : [];
  const prefs = (params['modelPreferences'] ?? undefined) as Params | undefined;
  const hints = Array.isArray(prefs?.['hints']) ? (prefs['hints'] as unknown[]) : [];
  const facts: [string, unknown][] = [
    ['maxTokens', params['maxTokens']],
    ['temperature', params['temperature']],
    ['includeContext', params['includeContext']],
  ];
  const stops = Array.isArray(params['stopSequences'])
    ? (params['stopSequences'] as unknown[])
    : [];
  const tools = Array.isArray(params['tools']) ? (params['tools'] as Params[]) : undefined;
  return (
    <div className="space-y-4 p-4">
      {typeof params['systemPrompt'] === 'string' && (
        <Section title={<code>systemPrompt</code>}>
          <p className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm whitespace-pre-wrap dark:border-amber-900/60 dark:bg-amber-950/30">
            {params['systemPrompt']}
          </p>
        </Section>
      )}

      <Section
        title={
          <>
            <code>messages</code> ({messages.length})
          </>
        }
      >
        <ol className="space-y-2">
          {messages.map((m, i) => {
            const message = (m ?? {}) as Params;
            const role = typeof message['role'] === 'string' ? message['role'] : '?';
            return (
              <li
                key={i}
                className={`border-l-2 pl-2.5 ${
                  role === 'assistant'
                    ? 'border-violet-400 dark:border-violet-700'
                    : 'border-sky-400 dark:border-sky-700'
                }`}
              >
                <div className="mb-1">
                  <Badge tone={role === 'assistant' ? 'violet' : 'blue'}>{role}</Badge>
                </div>
                <MessageContent content={message['content']} sessionId={sessionId} />
              </li>
            );
          })}
        </ol>
      </Section>

      <Section title="Other parameters">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {facts.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="font-mono text-xs leading-5 text-zinc-500">{name}</dt>
              <dd className={value === undefined ? 'text-zinc-400' : 'font-mono'}>
                {value === undefined ? 'not set' : JSON.stringify(value)}
              </dd>
            </div>
          ))}
          <dt className="font-mono text-xs leading-5 text-zinc-500">stopSequences</dt>
          <dd className="flex flex-wrap gap-1">
            {stops.length === 0 ? (
              <span className="text-zinc-400">none</span>
            ) : (
              stops.map((s, i) => (
                <code key={i} className="rounded bg-zinc-100 px-1 text-xs dark:bg-zinc-800">
                  {JSON.stringify(s)}
                </code>
              ))
            )}
          </dd>
        </dl>
      </Section>

      {prefs !== undefined && (
        <Section title={<code>modelPreferences</code>}>
          {hints.length > 0 && (
            <div className="flex flex-wrap items-center gap-1 text-xs">
              <span className="mr-1 text-zinc-500">hints</span>
              {hints.map((h, i) => (
                <Badge key={i} tone="violet">
                  {hintName(h)}
                </Badge>
              ))}
            </div>
          )}
          <Priority label="costPriority" value={prefs['costPriority']} />
          <Priority label="speedPriority" value={prefs['speedPriority']} />
          <Priority label="intelligencePriority" value={prefs['intelligencePriority']} />
        </Section>
      )}

      {tools !== undefined && (
        <Section
          title={
            <>
              <code>tools</code> ({tools.length})
            </>
          }
        >
          <ul className="space-y-1 text-sm">
            {tools.map((tool, i) => (
              <li key={i}>
                <code className="font-medium">{String(tool['name'])}</code>
                {typeof tool['description'] === 'string' && (
                  <span className="text-zinc-500"> {tool['description']}</span>
                )}
              </li>
            ))}
          </ul>
          {params['toolChoice'] !== undefined && (
            <p className="text-xs">
              <span className="text-zinc-500">toolChoice</span>{' '}
              <code>{JSON.stringify(params['toolChoice'])}</code>
            </p>
          )}
        </Section>
      )}

      {params['metadata'] !== undefined && (
        <Section title={<code>metadata</code>}>
          <div className="pl-4">
            <JsonView value={params['metadata']} />
          </div>
        </Section>
      )}

      <details className="text-sm">
        <summary className="cursor-pointer text-xs text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
          Raw params
        </summary>
        <div className="mt-1 rounded-md bg-zinc-50 py-2 pr-2 pl-5 dark:bg-zinc-900">
          <JsonView value={params} expandDepth={1} />
        </div>
      </details>
    </div>
  );
}
