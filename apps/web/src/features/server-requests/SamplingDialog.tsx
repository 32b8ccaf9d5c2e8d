import { Check, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { JsonEditor } from '../../components/JsonEditor';
import { AnswerLayout } from './AnswerLayout';
import type { AnswerFn } from './pending-queue';
import { SamplingRequestView } from './SamplingRequestView';
import { useAnswer } from './use-answer';

const STOP_REASONS = ['endTurn', 'stopSequence', 'maxTokens'] as const;
const FIELD =
  'w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900';
const LABEL = 'mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400';

/** Parses the JSON-mode content: one content block (an object) or a list of them. */
function parseContent(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null)
      return { ok: false, message: 'content must be a content block object or an array of them' };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** `sampling/createMessage`: the request on the left, the human's reply on the right. */
export function SamplingDialog({
  params,
  sessionId,
  onAnswer,
}: {
  params: Record<string, unknown>;
  sessionId: string;
  onAnswer: AnswerFn;
}) {
  const { busy, error, send } = useAnswer(onAnswer);
  const [role, setRole] = useState('assistant');
  const [mode, setMode] = useState<'text' | 'json'>('text');
  const [text, setText] = useState('');
  const [json, setJson] = useState('');
  const [model, setModel] = useState('mcpscope-human');
  const [stopReason, setStopReason] = useState<string>('endTurn');
  const [customStop, setCustomStop] = useState('');
  const [rejectMessage, setRejectMessage] = useState('User rejected sampling request');

  const content =
    mode === 'text' ? { ok: true as const, value: { type: 'text', text } } : parseContent(json);
  const reason = stopReason === 'custom' ? customStop.trim() : stopReason;
  const problem = !content.ok
    ? `Content is not valid JSON: ${content.message}`
    : model.trim() === ''
      ? 'Type a model name (the server sees it as the model that answered)'
      : reason === ''
        ? 'Type the custom stopReason'
        : undefined;

  const approve = (): void => {
    if (problem !== undefined || !content.ok) return;
    send({ result: { role, content: content.value, model: model.trim(), stopReason: reason } });
  };

  return (
    <AnswerLayout
      error={error}
      onSubmit={approve}
      footer={
        <>
          <Button
            variant="danger"
            disabled={busy}
            onClick={() => send({ error: { code: -1, message: rejectMessage } })}
          >
            <X size={14} /> Reject
          </Button>
          <label className="flex min-w-0 flex-1 items-center gap-2 text-xs text-zinc-500">
            with message
            <input
              className={`${FIELD} max-w-80 py-1 text-xs`}
              value={rejectMessage}
              onChange={(e) => setRejectMessage(e.target.value)}
              aria-label="Rejection message"
            />
          </label>
          {problem !== undefined && (
            <span className="text-xs text-amber-700 dark:text-amber-400">{problem}</span>
          )}
          <Button variant="primary" disabled={busy || problem !== undefined} onClick={approve}>
            <Check size={14} /> {busy ? 'Sending…' : 'Approve'}
          </Button>
        </>
      }
    >
      {/* On wide screens each side scrolls alone, so the reply form stays in view. */}
      <div className="grid min-h-full lg:h-full lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <div className="border-zinc-200 lg:min-h-0 lg:overflow-auto lg:border-r dark:border-zinc-800">
          <SamplingRequestView params={params} sessionId={sessionId} />
        </div>
        <div className="space-y-3 bg-zinc-50/60 p-4 lg:min-h-0 lg:overflow-auto dark:bg-zinc-900/30">
          <h4 className="text-xs font-semibold text-zinc-500">
            Your response, as the <code>CreateMessageResult</code> the server receives
          </h4>
          <div className="grid grid-cols-3 gap-2">
            <label>
              <span className={LABEL}>role</span>
              <select className={FIELD} value={role} onChange={(e) => setRole(e.target.value)}>
                <option value="assistant">assistant</option>
                <option value="user">user</option>
              </select>
            </label>
            <label className="col-span-2">
              <span className={LABEL}>model</span>
              <input className={FIELD} value={model} onChange={(e) => setModel(e.target.value)} />
            </label>
          </div>
          <div>
            <div className="mb-1 flex items-center gap-2">
              <span className={`${LABEL} mb-0`}>content</span>
              <div className="ml-auto flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700">
                {(['text', 'json'] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    aria-pressed={mode === m}
                    onClick={() => {
                      if (m === 'json' && mode === 'text')
                        setJson(JSON.stringify({ type: 'text', text }, null, 2));
                      setMode(m);
                    }}
                    className={`px-2 py-0.5 first:rounded-l-md last:rounded-r-md ${
                      mode === m
                        ? 'bg-indigo-600 text-white'
                        : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800'
                    }`}
                  >
                    {m === 'text' ? 'Text' : 'JSON'}
                  </button>
                ))}
              </div>
            </div>
            {mode === 'text' ? (
              <textarea
                className={`${FIELD} min-h-40 font-sans`}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Write the reply the model would give…"
                aria-label="Response text"
                autoFocus
              />
            ) : (
              <>
                <JsonEditor
                  value={json}
                  onChange={setJson}
                  onSubmit={approve}
                  minHeight="160px"
                  label="Response content as JSON"
                />
                <p className="mt-1 text-xs text-zinc-500">
                  A content block (<code>text</code>, <code>image</code>, <code>audio</code>,{' '}
                  <code>tool_use</code>…) or an array of them.
                </p>
              </>
            )}
          </div>
          <div className="grid grid-cols-2 gap-2">
            <label>
              <span className={LABEL}>stopReason</span>
              <select
                className={FIELD}
                value={stopReason}
                onChange={(e) => setStopReason(e.target.value)}
              >
                {STOP_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
                <option value="custom">custom…</option>
              </select>
            </label>
            {stopReason === 'custom' && (
              <label>
                <span className={LABEL}>custom stopReason</span>
                <input
                  className={FIELD}
                  value={customStop}
                  onChange={(e) => setCustomStop(e.target.value)}
                  placeholder="toolUse"
                />
              </label>
            )}
          </div>
          <p className="text-xs text-zinc-400">Ctrl+Enter approves.</p>
        </div>
      </div>
    </AnswerLayout>
  );
}
