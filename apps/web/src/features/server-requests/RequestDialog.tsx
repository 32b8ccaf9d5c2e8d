import { Bot, ChevronLeft, ChevronRight, FormInput, Link, Minus, Server } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { actions } from '../../lib/inspector';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../lib/store';
import { StateDot } from '../../components/StateDot';
import { ElicitationDialog } from './ElicitationDialog';
import { GenericRequestDialog } from './GenericRequestDialog';
import { inputContext } from './input-context';
import { describeAsker, requestKind, type AnswerFn, type QueuedRequest } from './pending-queue';
import { SamplingDialog } from './SamplingDialog';
import { UrlElicitationDialog } from './UrlElicitationDialog';

function RequestIcon({ method, url }: { method: string; url: boolean }) {
  const style = 'text-indigo-600 dark:text-indigo-400';
  if (method === 'sampling/createMessage') return <Bot size={18} className={style} />;
  if (method === 'elicitation/create')
    return url ? <Link size={18} className={style} /> : <FormInput size={18} className={style} />;
  return <Server size={18} className={style} />;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable="true"], summary';

// Tab cycles inside the dialog: the page behind it is not for now.
function trapTab(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'Tab') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** The modal for one pending server request: who asked, what, and the form to answer it. */
export function RequestDialog({
  item,
  position,
  total,
  onMove,
  onMinimize,
  onAnswer,
}: {
  item: QueuedRequest;
  position: number;
  total: number;
  onMove: (delta: number) => void;
  onMinimize: () => void;
  onAnswer: AnswerFn;
}) {
  const summary = useApp((s) => s.sessions[item.sessionId]?.summary);
  const activeId = useApp((s) => s.activeSessionId);
  // Shallow: the context is a few strings, so traffic events do not re-render the dialog.
  const input = useApp(useShallow((s) => inputContext(s.sessions[item.sessionId], item.request)));
  const { method, params } = item.request;
  const asker = describeAsker(summary);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Keyboard users land in the dialog, not behind it.
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.contains(document.activeElement)) dialog.focus();
  }, [item.id]);

  const body =
    method === 'sampling/createMessage' ? (
      <SamplingDialog
        key={item.id}
        params={params}
        sessionId={item.sessionId}
        onAnswer={onAnswer}
      />
    ) : method === 'elicitation/create' && params['mode'] === 'url' ? (
      <UrlElicitationDialog key={item.id} params={params} onAnswer={onAnswer} />
    ) : method === 'elicitation/create' ? (
      <ElicitationDialog key={item.id} params={params} onAnswer={onAnswer} />
    ) : (
      <GenericRequestDialog key={item.id} method={method} params={params} onAnswer={onAnswer} />
    );

  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-zinc-950/50 p-4 backdrop-blur-[1px]">
      <div
        ref={dialogRef}
        tabIndex={-1}
        onKeyDown={trapTab}
        role="dialog"
        aria-modal="true"
        aria-label={`${requestKind(method, params)} from ${asker.server}`}
        className={`flex max-h-[92vh] w-full flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-2xl outline-none dark:border-zinc-800 dark:bg-zinc-950 ${
          method === 'sampling/createMessage' ? 'max-w-6xl lg:h-[88vh]' : 'max-w-2xl'
        }`}
      >
        <header className="flex shrink-0 items-center gap-2 border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
          <RequestIcon method={method} url={params['mode'] === 'url'} />
          <h2 className="font-semibold">{requestKind(method, params)}</h2>
          <code className="text-xs text-zinc-500">{method}</code>
          <span className="ml-auto flex items-center gap-1 text-sm">
            {total > 1 && (
              <button
                type="button"
                onClick={() => onMove(-1)}
                disabled={position === 1}
                className="rounded p-1 text-zinc-500 hover:bg-zinc-100 disabled:opacity-30 dark:hover:bg-zinc-800"
                aria-label="Previous request"
              >
                <ChevronLeft size={16} />
              </button>
            )}
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ${
                total > 1
                  ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200'
                  : 'text-zinc-500'
              }`}
            >
              {position} of {total}
            </span>
            {total > 1 && (
              <button
                type="button"
                onClick={() => onMove(1)}
                disabled={position === total}
                className="rounded p-1 text-zinc-500 hover:bg-zinc-100 disabled:opacity-30 dark:hover:bg-zinc-800"
                aria-label="Next request"
              >
                <ChevronRight size={16} />
              </button>
            )}
            <button
              type="button"
              onClick={onMinimize}
              title="Minimize (Esc): the request keeps waiting"
              aria-label="Minimize"
              className="ml-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <Minus size={16} />
            </button>
          </span>
        </header>

        <div className="flex shrink-0 items-center gap-3 border-b border-zinc-200 bg-zinc-50 px-4 py-2.5 dark:border-zinc-800 dark:bg-zinc-900/60">
          <Server size={20} className="shrink-0 text-zinc-400" />
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2">
              <span className="text-xs text-zinc-500">asked by</span>
              <span className="truncate text-base font-semibold">{asker.server}</span>
              {asker.version !== undefined && (
                <span className="text-xs text-zinc-500">v{asker.version}</span>
              )}
              {summary !== undefined && <StateDot state={summary.state} />}
            </p>
            <p
              className="truncate font-mono text-xs text-zinc-600 dark:text-zinc-400"
              title={asker.target}
            >
              {asker.target}
            </p>
          </div>
          <div className="shrink-0 text-right text-xs text-zinc-500">
            <p>
              received{' '}
              {new Date(item.request.receivedAt).toLocaleTimeString(undefined, { hour12: false })}
            </p>
            <p>
              traffic #{item.request.seq}
              {item.sessionId !== activeId && (
                <>
                  {' · '}
                  <button
                    type="button"
                    className="text-indigo-600 hover:underline dark:text-indigo-400"
                    onClick={() => actions.showSession(item.sessionId)}
                  >
                    other session: show it
                  </button>
                </>
              )}
            </p>
          </div>
        </div>

        {input !== undefined && (
          <p
            className="shrink-0 border-b border-zinc-200 bg-violet-50 px-4 py-1.5 text-xs text-violet-900 dark:border-zinc-800 dark:bg-violet-950/40 dark:text-violet-200"
            data-testid="input-context"
          >
            input request <code className="font-semibold">{input.inputKey}</code>
            {input.call !== undefined && (
              <>
                {' '}
                of <code className="font-semibold">{input.call}</code>
              </>
            )}
            {input.round !== undefined && `, round ${input.round}`}
            <span className="text-violet-700/70 dark:text-violet-300/70">
              {' '}
              · asked in an input_required result; mcpscope retries the call with your answer
            </span>
          </p>
        )}
        {body}
      </div>
    </div>
  );
}
