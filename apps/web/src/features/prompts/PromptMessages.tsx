import { Bot, User } from 'lucide-react';
import { ContentBlock } from '../../components/ContentBlock';
import { ContentList } from '../../components/ContentList';
import { JsonView } from '../../components/JsonView';
import { isObject, str } from '../../lib/mcp-shapes';

const ROLE_STYLE = {
  user: {
    row: 'justify-end',
    bubble: 'border-indigo-200 bg-indigo-50/70 dark:border-indigo-900/70 dark:bg-indigo-950/30',
    label: 'text-indigo-700 dark:text-indigo-300',
    Icon: User,
  },
  assistant: {
    row: 'justify-start',
    bubble: 'border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60',
    label: 'text-zinc-600 dark:text-zinc-400',
    Icon: Bot,
  },
} as const;

/**
 * A prompt's `messages[]` as a chat transcript: user on the right, assistant on the left, each
 * message's content through the shared content renderer.
 */
export function PromptMessages({ messages, sessionId }: { messages: unknown; sessionId: string }) {
  if (!Array.isArray(messages)) {
    return (
      <div className="text-xs">
        <p className="mb-1 text-amber-700 dark:text-amber-400">
          The result has no <code>messages</code> array; shown as sent.
        </p>
        <JsonView value={messages} />
      </div>
    );
  }
  if (messages.length === 0)
    return <p className="text-sm text-zinc-500 italic">The prompt has no messages.</p>;
  return (
    <ol className="space-y-3" aria-label="Prompt messages">
      {messages.map((message: unknown, i) => (
        <Message key={i} message={message} index={i} sessionId={sessionId} />
      ))}
    </ol>
  );
}

function Message({
  message,
  index,
  sessionId,
}: {
  message: unknown;
  index: number;
  sessionId: string;
}) {
  const role = isObject(message) ? str(message.role) : undefined;
  const known = role === 'user' || role === 'assistant' ? ROLE_STYLE[role] : undefined;
  const content: unknown = isObject(message) ? message.content : undefined;
  const Icon = known?.Icon;
  return (
    <li className={`flex ${known?.row ?? 'justify-start'}`} data-role={role ?? 'unknown'}>
      <div
        className={`w-fit max-w-[88%] min-w-[16rem] space-y-1.5 rounded-xl border p-2.5 ${
          known?.bubble ??
          'border-amber-300 bg-amber-50/60 dark:border-amber-900 dark:bg-amber-950/30'
        }`}
      >
        <div
          className={`flex items-center gap-1 text-[11px] font-semibold tracking-wide uppercase ${
            known?.label ?? 'text-amber-700 dark:text-amber-400'
          }`}
        >
          {Icon !== undefined && <Icon size={12} />}
          {role ?? 'no role'}
          <span className="font-normal text-zinc-400 normal-case">#{index + 1}</span>
          {known === undefined && (
            <span className="font-normal normal-case">
              {' '}
              — MCP roles are <code>user</code> and <code>assistant</code>
            </span>
          )}
        </div>
        {!isObject(message) ? (
          <JsonView value={message} />
        ) : Array.isArray(content) ? (
          // The spec has one block per message; some servers send a list anyway.
          <ContentList content={content} sessionId={sessionId} />
        ) : isObject(content) ? (
          <ContentBlock block={content} sessionId={sessionId} />
        ) : (
          <div className="text-xs">
            <p className="mb-1 text-amber-700 dark:text-amber-400">
              <code>content</code> is {content === undefined ? 'missing' : 'not an object'}.
            </p>
            {content !== undefined && <JsonView value={content} />}
          </div>
        )}
      </div>
    </li>
  );
}
