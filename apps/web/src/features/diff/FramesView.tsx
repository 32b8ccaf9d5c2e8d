import { X } from 'lucide-react';
import { JsonView } from '../../components/JsonView';
import { actions } from '../../lib/inspector';
import { entryBySeq, useApp } from '../../lib/store';
import { closeCompare, useCompare, type FramePair } from './compare-store';

/** One side's frames, each with a way to open it in that session's Traffic panel. */
function Side({
  side,
  sessionId,
  seqs,
}: {
  side: 'a' | 'b';
  sessionId: string | undefined;
  seqs: readonly number[];
}) {
  const view = useApp((s) => (sessionId === undefined ? undefined : s.sessions[sessionId]));
  return (
    <section
      className="min-w-0 flex-1 overflow-auto p-3 pl-4"
      aria-label={`Frames of session ${side}`}
    >
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        Session {side}
      </h3>
      {seqs.length === 0 && <p className="text-sm text-zinc-500">Nothing on this side.</p>}
      {seqs.map((seq) => {
        const entry = view === undefined ? undefined : entryBySeq(view, seq);
        return (
          <div key={seq} className="mb-3">
            <div className="mb-1 flex items-center gap-2 text-xs">
              <span className="font-mono text-zinc-600 dark:text-zinc-400">
                #{seq} {entry?.dir} {entry?.kind}
              </span>
              <button
                type="button"
                className="rounded px-1.5 py-0.5 text-indigo-700 hover:bg-indigo-100 dark:text-indigo-300 dark:hover:bg-indigo-900/50"
                onClick={() => {
                  if (sessionId === undefined) return;
                  closeCompare();
                  actions.showSession(sessionId);
                  actions.showInTraffic(seq);
                }}
              >
                Open in Traffic
              </button>
            </div>
            {entry === undefined ? (
              <p className="text-xs text-zinc-500">Not held in the browser any more (paged out).</p>
            ) : (
              <JsonView
                value={entry.msg ?? entry.raw}
                expandDepth={8}
                label={`Frame ${seq} of session ${side}`}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The frames behind one difference, session a's beside session b's. */
export function FramesView({
  frames,
  a,
  b,
}: {
  frames: FramePair;
  a: string | undefined;
  b: string | undefined;
}) {
  return (
    <div
      className="flex h-2/5 min-h-48 shrink-0 flex-col border-t border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950"
      role="region"
      aria-label="Frames side by side"
    >
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-1.5 text-sm dark:border-zinc-800">
        <span className="font-medium">Frames:</span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs">{frames.title}</span>
        <button
          type="button"
          aria-label="Close the frames"
          className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          onClick={() => useCompare.setState({ frames: undefined })}
        >
          <X size={14} />
        </button>
      </div>
      <div className="flex min-h-0 flex-1 divide-x divide-zinc-200 dark:divide-zinc-800">
        <Side side="a" sessionId={a} seqs={frames.a} />
        <Side side="b" sessionId={b} seqs={frames.b} />
      </div>
    </div>
  );
}
