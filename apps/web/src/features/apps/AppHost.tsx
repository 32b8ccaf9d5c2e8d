import type { StagedApp } from '@mcpscope/protocol';
import type { AppBridge } from '@modelcontextprotocol/ext-apps/app-bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { actions, useReadOnly } from '../../lib/inspector';
import type { SessionView } from '../../lib/store';
import type { Tool, ToolCall } from '../tools/tools-store';
import { useDark } from '../tools/use-dark';
import { connectBridge, type AppLogLine } from './app-bridge-host';
import { APP_MIME_TYPE, liveDocument, recordedDocument, type AppDocument } from './app-resource';
import { AppLog } from './AppLog';

type Stage =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; doc: Extract<AppDocument, { ok: true }>; staged: StagedApp };

const MIN_HEIGHT = 80;
const MAX_HEIGHT = 1600;

/**
 * A tool's MCP App, rendered the way a host does: the `ui://` resource read (live) or found
 * in the recording, staged on the proxy's sandbox origin, framed there, and driven through
 * ext-apps' AppBridge. Beside it, every request the app made and what the host did with it.
 */
export default function AppHost({
  session,
  call,
  tool,
  uri,
}: {
  session: SessionView;
  call: ToolCall;
  tool: Tool;
  uri: string;
}) {
  const sessionId = session.summary.id;
  const readOnly = useReadOnly(sessionId);
  const dark = useDark();
  const [stage, setStage] = useState<Stage>({ status: 'loading' });
  const [lines, setLines] = useState<AppLogLine[]>([]);
  const [height, setHeight] = useState(240);
  const [linkAsk, setLinkAsk] = useState<{ url: string; answer: (ok: boolean) => void }>();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const counter = useRef(0);
  // The recording's entries are read once, when the app is shown, not on every new entry.
  const sessionRef = useRef(session);

  const log = useCallback((line: Omit<AppLogLine, 'n' | 'at'>) => {
    const n = ++counter.current;
    setLines((all) => [...all, { ...line, n, at: Date.now() }]);
    return (update: Partial<AppLogLine>) =>
      setLines((all) => all.map((l) => (l.n === n ? { ...l, ...update } : l)));
  }, []);

  useEffect(() => {
    let stale = false;
    void (async () => {
      const doc =
        readOnly !== undefined
          ? await recordedDocument(sessionRef.current, uri)
          : await liveDocument(sessionId, uri);
      if (stale) return;
      if (!doc.ok) return setStage({ status: 'failed', message: doc.message });
      try {
        const staged = await actions.stageApp({
          html: doc.html,
          ...(doc.csp !== undefined && { csp: doc.csp as Record<string, string[]> }),
          ...(doc.permissions !== undefined && { permissions: doc.permissions }),
        });
        if (!stale) setStage({ status: 'ready', doc, staged });
      } catch (error) {
        if (!stale) setStage({ status: 'failed', message: (error as Error).message });
      }
    })();
    return () => {
      stale = true;
    };
  }, [sessionId, uri, readOnly]);

  const outcome = call.outcome;
  const result =
    outcome === undefined
      ? call.failure === undefined
        ? undefined
        : ({ ok: false, reason: call.failure.message } as const)
      : outcome.ok
        ? ({ ok: true, value: outcome.result } as const)
        : ({ ok: false, reason: outcome.message } as const);
  // What the bridge needs when it connects; a later change does not reconnect the app.
  const wiring = useRef({ args: call.args, result, dark, tool });
  useEffect(() => {
    wiring.current = { args: call.args, result, dark, tool };
  });

  useEffect(() => {
    if (stage.status !== 'ready') return;
    const frame = frameRef.current;
    if (frame?.contentWindow == null) return;
    let bridge: AppBridge | undefined;
    let closed = false;
    void connectBridge(frame.contentWindow, {
      sessionId,
      readOnly,
      ...wiring.current,
      csp: stage.doc.csp,
      permissions: stage.doc.permissions,
      log,
      onHeight: (h) => setHeight(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, Math.ceil(h)))),
      confirmLink: (url) =>
        new Promise<boolean>((resolve) =>
          setLinkAsk({
            url,
            answer: (ok) => {
              setLinkAsk(undefined);
              resolve(ok);
            },
          }),
        ),
    }).then((connected) => {
      bridge = connected;
      if (closed) void connected.close();
      // The bridge listens before the sandbox page exists, so no early message is lost.
      else frame.src = stage.staged.url;
    });
    return () => {
      closed = true;
      void bridge?.close();
    };
  }, [stage, sessionId, readOnly, log]);

  if (stage.status === 'loading')
    return <p className="text-xs text-zinc-500">Reading {uri} and preparing its sandbox…</p>;
  if (stage.status === 'failed')
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        The app could not be shown: {stage.message}
      </p>
    );
  const { doc, staged } = stage;
  return (
    <div className="space-y-2" data-testid="mcp-app">
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
        <span className="font-mono">{uri}</span>
        {doc.mimeType !== APP_MIME_TYPE && (
          <Badge tone="amber" title={`An MCP App's resource should be ${APP_MIME_TYPE}`}>
            mimeType {doc.mimeType ?? 'missing'}
          </Badge>
        )}
        <span title="The app runs on this origin, never the inspector's">
          sandbox {staged.origin}
        </span>
        {doc.seq !== undefined && (
          <button className="underline" onClick={() => actions.showInTraffic(doc.seq!)}>
            resources/read #{doc.seq}
          </button>
        )}
      </div>
      {linkAsk !== undefined && (
        <div
          role="alertdialog"
          aria-label="The app asks to open a link"
          className="flex flex-wrap items-center gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950/40"
        >
          <span>
            The app asks to open <span className="font-mono break-all">{linkAsk.url}</span>
          </span>
          <Button className="ml-auto" onClick={() => linkAsk.answer(true)}>
            Open
          </Button>
          <Button variant="secondary" onClick={() => linkAsk.answer(false)}>
            Refuse
          </Button>
        </div>
      )}
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <iframe
          ref={frameRef}
          title={`MCP App ${uri}`}
          // The sandbox page is ours and on its own origin; the app inside it gets an opaque one.
          sandbox="allow-scripts allow-same-origin"
          allow={staged.allow}
          style={{ height }}
          className="w-full rounded border border-zinc-200 bg-white dark:border-zinc-700"
        />
        <AppLog lines={lines} />
      </div>
    </div>
  );
}
