import { Loader2, MessageSquareText } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { nullObject, withKey, withName } from '../../lib/name-map';
import { CompletionInput } from '../../components/CompletionInput';
import { IconStrip, ItemIcon } from '../../components/ItemIcon';
import { RawJson } from '../../components/RequestOutcome';
import { otherValues } from '../../lib/use-completions';
import { getPrompt, updatePrompts, usePromptsState, type PromptItem } from './prompts-store';
import { PromptResultView } from './PromptResultView';

// Prototype-less: `values['constructor']` must be undefined, not Object.
const NO_VALUES: Record<string, string> = nullObject();

/**
 * One prompt: a field per argument (with the server's completions), Get prompt with a check
 * of required arguments that can be overridden, and the messages that came back.
 */
export function PromptDetail({
  prompt,
  sessionId,
  canSend,
  completions,
}: {
  prompt: PromptItem;
  sessionId: string;
  canSend: boolean;
  completions: boolean;
}) {
  const name = prompt.name ?? '';
  const state = usePromptsState(sessionId);
  const values = state.args.get(name) ?? NO_VALUES;
  const get = state.results.get(name);
  // Set when Get prompt was pressed with required arguments empty.
  const [missing, setMissing] = useState<string[]>();

  const setValue = (arg: string, value: string): void => {
    updatePrompts(sessionId, (s) => ({
      args: withName(s.args, name, withKey(s.args.get(name), arg, value)),
    }));
    if (missing?.includes(arg) === true && value !== '')
      setMissing(missing.filter((m) => m !== arg));
  };
  const send = (): void => {
    setMissing(undefined);
    void getPrompt(sessionId, name, values);
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (!canSend) return;
    const empty = prompt.arguments
      .filter((a) => a.required && (values[a.name] ?? '') === '')
      .map((a) => a.name);
    if (empty.length > 0) setMissing(empty);
    else send();
  };
  const required = prompt.arguments.filter((a) => a.required).length;

  return (
    <div className="space-y-4" data-testid="prompt-detail">
      <header className="space-y-1.5">
        <div className="flex items-start gap-2">
          {prompt.icons.length > 0 ? (
            <span className="mt-1">
              <ItemIcon icons={prompt.icons} size={20} />
            </span>
          ) : (
            <MessageSquareText size={18} className="mt-1 shrink-0 text-zinc-400" />
          )}
          <div className="min-w-0 flex-1">
            <h2 className="text-base font-semibold break-words">{prompt.title ?? name}</h2>
            {prompt.title !== undefined && (
              <p className="font-mono text-xs text-zinc-500">{name}</p>
            )}
          </div>
        </div>
        {prompt.description !== undefined && (
          <p className="text-sm whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
            {prompt.description}
          </p>
        )}
        <IconStrip icons={prompt.icons} />
      </header>
      <form
        onSubmit={onSubmit}
        noValidate
        className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/40"
        aria-label="Prompt arguments"
      >
        <p className="text-xs text-zinc-500">
          {prompt.arguments.length === 0
            ? 'This prompt takes no arguments.'
            : `${prompt.arguments.length} argument${prompt.arguments.length === 1 ? '' : 's'}${
                required > 0 ? `, ${required} required` : ''
              }${completions ? ' · the server may suggest values as you type' : ''}`}
        </p>
        {prompt.arguments.map((arg) => {
          const id = `prompt-${sessionId}-${name}-${arg.name}`;
          const invalid = missing?.includes(arg.name) === true;
          return (
            <div key={arg.name} className="space-y-1">
              <label htmlFor={id} className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-medium">
                  {arg.title ?? arg.name}
                  {arg.required && (
                    <span className="ml-0.5 text-red-600 dark:text-red-400" aria-hidden>
                      *
                    </span>
                  )}
                </span>
                {arg.title !== undefined && (
                  <code className="text-xs text-zinc-500">{arg.name}</code>
                )}
                {arg.required ? (
                  <Badge tone="red">required</Badge>
                ) : (
                  <span className="text-[11px] text-zinc-400">optional</span>
                )}
              </label>
              {arg.description !== undefined && (
                <p id={`${id}-desc`} className="text-xs text-zinc-500">
                  {arg.description}
                </p>
              )}
              <CompletionInput
                id={id}
                argument={arg.name}
                value={values[arg.name] ?? ''}
                onChange={(value) => setValue(arg.name, value)}
                required={arg.required}
                invalid={invalid}
                describedBy={arg.description === undefined ? undefined : `${id}-desc`}
                source={
                  completions && canSend && name !== ''
                    ? {
                        sessionId,
                        reference: { type: 'ref/prompt', name },
                        context: otherValues(values, arg.name),
                      }
                    : undefined
                }
              />
            </div>
          );
        })}
        {missing !== undefined && missing.length > 0 && (
          <div
            role="alert"
            className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-2.5 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
          >
            <span className="flex-1">
              Required {missing.length === 1 ? 'argument' : 'arguments'} empty:{' '}
              <code>{missing.join(', ')}</code>. A well-behaved server should refuse this.
            </span>
            <Button onClick={send} disabled={!canSend}>
              Send anyway
            </Button>
          </div>
        )}
        <div className="flex items-center gap-2">
          <Button
            type="submit"
            variant="primary"
            disabled={!canSend || get?.pending === true || name === ''}
            title={`prompts/get ${name}`}
          >
            {get?.pending === true && <Loader2 size={14} className="animate-spin" />}
            Get prompt
          </Button>
        </div>
      </form>
      <PromptResultView get={get} sessionId={sessionId} />
      <RawJson value={prompt.raw} label="Listed as (prompts/list entry)" />
    </div>
  );
}
