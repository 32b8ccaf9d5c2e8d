import { Send, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { JsonEditor, parseJsonObject } from '../../components/JsonEditor';
import { JsonView } from '../../components/JsonView';
import { actions, useReadOnly, type Outcome } from '../../lib/inspector';
import type { SessionView } from '../../lib/store';

/** Methods worth suggesting, given what the server declared. */
function suggestions(capabilities: Record<string, unknown>): string[] {
  const out = ['ping'];
  if ('tools' in capabilities) out.push('tools/list', 'tools/call');
  if ('resources' in capabilities)
    out.push(
      'resources/list',
      'resources/templates/list',
      'resources/read',
      'resources/subscribe',
      'resources/unsubscribe',
    );
  if ('prompts' in capabilities) out.push('prompts/list', 'prompts/get');
  if ('completions' in capabilities) out.push('completion/complete');
  if ('logging' in capabilities) out.push('logging/setLevel');
  if ('tasks' in capabilities) out.push('tasks/list', 'tasks/get', 'tasks/result', 'tasks/cancel');
  out.push('notifications/roots/list_changed', 'notifications/cancelled');
  return out;
}

/** Send any request or notification, including methods no panel knows. */
export function RequestComposer({
  session,
  onClose,
}: {
  session: SessionView;
  onClose: () => void;
}) {
  const [method, setMethod] = useState('tools/list');
  const [params, setParams] = useState('{}');
  const [outcome, setOutcome] = useState<Outcome | { sent: true } | { local: string }>();
  const [busy, setBusy] = useState(false);
  const capabilities = session.summary.handshake?.agreed.capabilities ?? {};
  const sessionId = session.summary.id;
  const readOnly = useReadOnly(sessionId);
  const cannot = busy || session.summary.state !== 'ready' || readOnly !== undefined;

  const send = async (asNotification: boolean): Promise<void> => {
    const parsed = parseJsonObject(params);
    if (!parsed.ok) {
      setOutcome({ local: `params: ${parsed.message}` });
      return;
    }
    if (method.trim() === '') {
      setOutcome({ local: 'enter a method, e.g. tools/list' });
      return;
    }
    setBusy(true);
    try {
      const p = Object.keys(parsed.value).length > 0 ? parsed.value : undefined;
      if (asNotification || method.startsWith('notifications/')) {
        await actions.notify(sessionId, method.trim(), p);
        setOutcome({ sent: true });
      } else {
        setOutcome(await actions.request(sessionId, method.trim(), p));
      }
    } catch (error) {
      setOutcome({ local: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="space-y-2 border-b border-zinc-200 bg-zinc-50 p-3 dark:border-zinc-800 dark:bg-zinc-900/50"
      aria-label="Request composer"
    >
      <div className="flex items-center gap-2">
        <input
          aria-label="Method"
          list="composer-methods"
          value={method}
          onChange={(e) => setMethod(e.target.value)}
          className="w-72 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <datalist id="composer-methods">
          {suggestions(capabilities).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Button
          variant="primary"
          disabled={cannot}
          onClick={() => void send(false)}
          title={readOnly ?? 'Ctrl+Enter'}
        >
          <Send size={13} /> Send request
        </Button>
        <Button disabled={cannot} onClick={() => void send(true)} title={readOnly}>
          Send as notification
        </Button>
        <span className="flex-1" />
        <button
          type="button"
          aria-label="Close composer"
          onClick={onClose}
          className="rounded p-1 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-800"
        >
          <X size={14} />
        </button>
      </div>
      <JsonEditor
        label="Params"
        value={params}
        onChange={setParams}
        onSubmit={() => void send(false)}
        minHeight="80px"
        maxHeight="200px"
      />
      {outcome !== undefined && (
        <div
          className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-950"
          role="status"
        >
          {'local' in outcome ? (
            <p className="text-sm text-red-700 dark:text-red-400">{outcome.local}</p>
          ) : 'sent' in outcome ? (
            <p className="text-sm text-zinc-600">Notification sent.</p>
          ) : outcome.ok ? (
            <>
              <p className="mb-1 text-xs text-emerald-700 dark:text-emerald-400">
                Result in {outcome.durationMs?.toFixed(1)} ms
              </p>
              <JsonView value={outcome.result} />
            </>
          ) : (
            <p className="text-sm text-red-700 dark:text-red-400">
              <code className="font-semibold">{outcome.code}</code> {outcome.message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
