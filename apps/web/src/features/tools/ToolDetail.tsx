import { useRef } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { JsonView } from '../../components/JsonView';
import type { SessionView } from '../../lib/store';
import { ArgumentsEditor, freshDraft } from './ArgumentsEditor';
import { REPORT_MODE } from '../../lib/report-mode';
import { ReportReadOnlyNote } from '../../report/ReportReadOnlyNote';
import { CallHistory } from './CallHistory';
import { CallView } from './CallView';
import { withDefaults } from './form-support';
import { formSchema } from './input-schema';
import { callTool } from './tool-actions';
import { iconsByPreference, toolDescription, toolIcons, toolTitle } from './tool-info';
import { ToolBadges } from './ToolBadges';
import { ToolIcon } from './ToolIcon';
import { setDraft, showCall, type SessionTools, type Tool, type ToolCall } from './tools-store';
import { useDark } from './use-dark';
import { useReadOnly } from '../../lib/inspector';

function pretty(args: Record<string, unknown>): string {
  return JSON.stringify(args, null, 2);
}

/** The right pane: what the tool is, its arguments, the call on show and the tool's history. */
export function ToolDetail({
  session,
  state,
  tool,
}: {
  session: SessionView;
  state: SessionTools;
  tool: Tool;
}) {
  const dark = useDark();
  const sessionId = session.summary.id;
  const draft = state.drafts.get(tool.name) ?? freshDraft(tool);
  const calls = state.history.get(tool.name) ?? [];
  const shownId = state.shownCall.get(tool.name);
  const shown = calls.find((c) => c.id === shownId) ?? calls[0];
  const resultRef = useRef<HTMLDivElement>(null);
  const title = toolTitle(tool);
  const description = toolDescription(tool);
  const icons = toolIcons(tool);
  const readOnly = useReadOnly(sessionId);
  const ready = session.summary.state === 'ready' && readOnly === undefined;
  const whyNot =
    readOnly ??
    (ready ? undefined : `The session is ${session.summary.state}; reconnect to call tools.`);

  // In the form, defaults show for missing values; they go into the draft too, so what the
  // form shows is what Send sends.
  const load = (call: ToolCall): void => {
    const schema = formSchema(tool.inputSchema);
    setDraft(sessionId, tool.name, {
      args: draft.mode === 'form' && schema.ok ? withDefaults(schema.schema, call.args) : call.args,
      json: pretty(call.args),
      mode: draft.mode,
      attempted: false,
    });
  };

  return (
    <div className="min-w-0 flex-1 overflow-y-auto" aria-label={`Tool ${tool.name}`}>
      <div className="mx-auto max-w-4xl space-y-5 p-4">
        <header className="space-y-2">
          <div className="flex items-start gap-2.5">
            <ToolIcon icons={iconsByPreference(icons, dark)} size={28} />
            <div className="min-w-0 flex-1">
              <h2 className="text-lg leading-tight font-semibold">{title}</h2>
              <p className="flex items-center gap-1 text-xs text-zinc-500">
                <code>{tool.name}</code>
                <CopyButton text={() => tool.name} label="Copy name" />
              </p>
            </div>
          </div>
          <ToolBadges tool={tool} />
          {description !== undefined && (
            <p className="text-sm whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
              {description}
            </p>
          )}
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            <details>
              <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
                inputSchema
              </summary>
              <div className="mt-1 rounded bg-zinc-50 p-2 dark:bg-zinc-900">
                <JsonView value={tool.inputSchema} expandDepth={3} label="inputSchema" />
              </div>
            </details>
            {tool.outputSchema !== undefined && (
              <details>
                <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
                  outputSchema
                </summary>
                <div className="mt-1 rounded bg-zinc-50 p-2 dark:bg-zinc-900">
                  <JsonView value={tool.outputSchema} expandDepth={3} label="outputSchema" />
                </div>
              </details>
            )}
            {icons.length > 0 && (
              <details>
                <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
                  icons ({icons.length})
                </summary>
                <ul className="mt-1 space-y-1">
                  {icons.map((icon, i) => (
                    <li key={i} className="flex items-center gap-2">
                      <ToolIcon icons={[icon]} size={24} />
                      <span className="text-zinc-500">
                        {[icon.mimeType, icon.sizes.join(' '), icon.theme && `${icon.theme} theme`]
                          .filter(Boolean)
                          .join(' · ') || 'no mimeType or sizes'}
                      </span>
                      <code className="max-w-xs truncate text-zinc-400">
                        {icon.src.slice(0, 120)}
                      </code>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {tool._meta !== undefined && (
              <details>
                <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
                  _meta
                </summary>
                <div className="mt-1 rounded bg-zinc-50 p-2 dark:bg-zinc-900">
                  <JsonView value={tool._meta} />
                </div>
              </details>
            )}
          </div>
        </header>

        {REPORT_MODE ? (
          // The report sends nothing: a note instead of a form it could not submit (and
          // the form and editor libraries stay out of its one file).
          <ReportReadOnlyNote />
        ) : (
          <ArgumentsEditor
            key={tool.name}
            sessionId={sessionId}
            tool={tool}
            draft={draft}
            canSend={ready}
            whyNot={whyNot}
          />
        )}

        {shown !== undefined && (
          <div
            ref={resultRef}
            className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
          >
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
              {shown === calls[0] ? 'Last call' : 'Earlier call'}
            </h3>
            <CallView key={shown.id} session={session} call={shown} tool={tool} />
          </div>
        )}

        <CallHistory
          session={session}
          calls={calls}
          shownId={shown?.id}
          canSend={ready}
          onShow={(call) => {
            showCall(sessionId, tool.name, call.id);
            resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
          }}
          onRerun={(call) =>
            callTool(sessionId, tool.name, call.args, call.invalid, call.task === true)
          }
          onLoad={load}
        />
      </div>
    </div>
  );
}
