import type { RJSFSchema } from '@rjsf/utils';
import { Braces, ListChecks, RotateCcw, Send } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { JsonEditor, parseJsonObject } from '../../components/JsonEditor';
import { ArgumentsForm, type ArgumentsFormHandle } from './ArgumentsForm';
import {
  initialArguments,
  validateArguments,
  withDefaults,
  type ArgumentProblem,
} from './form-support';
import { FormErrorBoundary } from './FormErrorBoundary';
import { formSchema, takesNoArguments } from './input-schema';
import { callTool } from './tool-actions';
import { setDraft, type Draft, type EditMode, type Tool } from './tools-store';

function pretty(args: Record<string, unknown>): string {
  return JSON.stringify(args, null, 2);
}

/** A fresh draft for a tool: its schema's defaults, in the form when there is a usable schema. */
export function freshDraft(tool: Tool): Draft {
  const schema = formSchema(tool.inputSchema);
  const args = initialArguments(schema.ok ? schema.schema : undefined);
  return { args, json: pretty(args), mode: schema.ok ? 'form' : 'json', attempted: false };
}

/**
 * The arguments of a call, as a form generated from the inputSchema or as raw JSON (the two
 * carry the same arguments both ways), with Send (validates first), Send anyway (a debugger
 * must be able to send bad input) and Ctrl+Enter.
 */
export function ArgumentsEditor({
  sessionId,
  tool,
  draft,
  canSend,
  whyNot,
}: {
  sessionId: string;
  tool: Tool;
  draft: Draft;
  canSend: boolean;
  whyNot: string | undefined;
}) {
  const schemaInfo = useMemo(() => formSchema(tool.inputSchema), [tool.inputSchema]);
  const schema: RJSFSchema | undefined = schemaInfo.ok ? schemaInfo.schema : undefined;
  const formRef = useRef<ArgumentsFormHandle>(null);
  const [jsonError, setJsonError] = useState<string>();
  const [formBroken, setFormBroken] = useState(false);
  const support = taskSupportOf(tool);
  const [asTask, setAsTask] = useState(false);
  const runAsTask = support === 'required' || (support === 'optional' && asTask);
  const mode: EditMode = schema === undefined || formBroken ? 'json' : draft.mode;
  const update = (patch: Partial<Draft>): void =>
    setDraft(sessionId, tool.name, { ...draft, ...patch });

  const problems: ArgumentProblem[] = useMemo(() => {
    if (schema === undefined || !draft.attempted) return [];
    const current =
      mode === 'json' ? parseJsonObject(draft.json) : { ok: true as const, value: draft.args };
    return current.ok ? validateArguments(schema, current.value) : [];
  }, [schema, draft.attempted, draft.args, draft.json, mode]);

  const switchMode = (next: EditMode): void => {
    if (next === mode) return;
    if (next === 'json') {
      setJsonError(undefined);
      update({ mode: 'json', json: pretty(draft.args) });
      return;
    }
    const result = parseJsonObject(draft.json);
    if (!result.ok) {
      setJsonError(`Fix the JSON before switching to the form: ${result.message}`);
      return;
    }
    setJsonError(undefined);
    update({ mode: 'form', args: withDefaults(schema, result.value) });
  };

  const send = (force: boolean): void => {
    if (!canSend) return;
    const current =
      mode === 'json' ? parseJsonObject(draft.json) : ({ ok: true, value: draft.args } as const);
    if (!current.ok) {
      setJsonError(`The arguments must be a JSON object: ${current.message}`);
      return;
    }
    setJsonError(undefined);
    const found = schema === undefined ? [] : validateArguments(schema, current.value);
    const args = current.value;
    if (found.length > 0 && !force) {
      update({ attempted: true, ...(mode === 'json' ? {} : { args }) });
      if (mode === 'form') formRef.current?.validateForm();
      return;
    }
    update({ attempted: true });
    callTool(sessionId, tool.name, args, found.length > 0, runAsTask);
  };

  const reset = (): void => {
    const args = initialArguments(schema);
    setJsonError(undefined);
    setDraft(sessionId, tool.name, { args, json: pretty(args), mode, attempted: false });
  };

  return (
    <section
      aria-label="Arguments"
      className="space-y-3"
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
          event.preventDefault();
          send(false);
        }
      }}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">Arguments</h3>
        <div className="flex items-center gap-1">
          <div
            role="radiogroup"
            aria-label="Edit arguments as"
            className="inline-flex rounded-md border border-zinc-300 p-0.5 text-xs dark:border-zinc-700"
          >
            {(['form', 'json'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                disabled={m === 'form' && (schema === undefined || formBroken)}
                onClick={() => switchMode(m)}
                className={`inline-flex items-center gap-1 rounded px-2 py-0.5 disabled:opacity-40 ${
                  mode === m
                    ? 'bg-zinc-200 font-medium text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50'
                    : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
                }`}
              >
                {m === 'form' ? <ListChecks size={12} /> : <Braces size={12} />}
                {m === 'form' ? 'Form' : 'JSON'}
              </button>
            ))}
          </div>
          <button
            type="button"
            onClick={reset}
            title="Reset to the schema's defaults"
            aria-label="Reset arguments"
            className="rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
          >
            <RotateCcw size={13} />
          </button>
        </div>
      </div>

      {!schemaInfo.ok && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          {schemaInfo.reason} Edit the arguments as JSON.
        </p>
      )}

      {mode === 'form' && schema !== undefined ? (
        takesNoArguments(schema) ? (
          <p className="text-sm text-zinc-500">This tool takes no arguments.</p>
        ) : (
          <FormErrorBoundary
            resetKey={tool.name}
            onError={() => {
              setFormBroken(true);
              update({ mode: 'json', json: pretty(draft.args) });
            }}
            fallback={(message) => (
              <p className="text-xs text-red-700">
                The form could not render this schema: {message}
              </p>
            )}
          >
            <ArgumentsForm
              schema={schema}
              args={draft.args}
              onChange={(args) => update({ args })}
              liveValidate={draft.attempted}
              formRef={formRef}
            />
          </FormErrorBoundary>
        )
      ) : (
        <JsonEditor
          label="Arguments as JSON"
          value={draft.json}
          onChange={(json) => update({ json })}
          onSubmit={() => send(false)}
          minHeight="100px"
          maxHeight="360px"
        />
      )}
      {formBroken && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          The form could not render this inputSchema; edit the arguments as JSON.
        </p>
      )}

      {jsonError !== undefined && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-400">
          {jsonError}
        </p>
      )}
      {problems.length > 0 && (
        <div
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900/70 dark:bg-red-950/30 dark:text-red-300"
        >
          <p className="mb-1 font-medium">
            The arguments do not match the inputSchema ({problems.length} problem
            {problems.length === 1 ? '' : 's'}):
          </p>
          <ul className="list-disc space-y-0.5 pl-5">
            {problems.slice(0, 20).map((p, i) => (
              <li key={i}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          onClick={() => send(false)}
          disabled={!canSend}
          title="Ctrl+Enter"
        >
          <Send size={14} /> Send
        </Button>
        {support === 'optional' && (
          <label className="inline-flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-300">
            <input
              type="checkbox"
              checked={asTask}
              onChange={(event) => setAsTask(event.target.checked)}
            />
            Run as task
          </label>
        )}
        {support === 'required' && (
          <span
            className="rounded bg-violet-100 px-1.5 py-0.5 text-xs text-violet-800 dark:bg-violet-900/40 dark:text-violet-200"
            title="execution.taskSupport is required: the call is a task (tasks/get is polled, the result comes from tasks/result)"
          >
            runs as a task
          </span>
        )}
        {problems.length > 0 && (
          <Button
            variant="secondary"
            onClick={() => send(true)}
            disabled={!canSend}
            title="Send these arguments although they do not validate, to see how the server reacts"
          >
            Send anyway
          </Button>
        )}
        <span className="text-xs text-zinc-400">
          {whyNot ?? (
            <>
              <kbd className="rounded border border-zinc-300 px-1 font-sans dark:border-zinc-700">
                Ctrl
              </kbd>
              +
              <kbd className="rounded border border-zinc-300 px-1 font-sans dark:border-zinc-700">
                Enter
              </kbd>{' '}
              sends
            </>
          )}
        </span>
      </div>
    </section>
  );
}

/** The tool's `execution.taskSupport` (2025-11-25): absent means forbidden. */
function taskSupportOf(tool: Tool): 'required' | 'optional' | 'forbidden' {
  const execution = tool['execution'];
  const support =
    typeof execution === 'object' && execution !== null
      ? (execution as { taskSupport?: unknown }).taskSupport
      : undefined;
  return support === 'required' || support === 'optional' ? support : 'forbidden';
}
