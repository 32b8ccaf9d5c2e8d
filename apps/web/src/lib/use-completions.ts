import { useEffect, useState } from 'react';
import { nullObject } from './name-map';
import { isObject } from './mcp-shapes';
import { sendRequest, type RequestFailure } from './send-request';

/** What `completion/complete` completes: a prompt's argument or a resource template's variable. */
export type CompletionRef =
  { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

/** Where a field's suggestions come from; `undefined` when the server has no `completions`. */
export interface CompletionSource {
  sessionId: string;
  reference: CompletionRef;
  /** The other fields already filled, sent as `context.arguments`. */
  context: Record<string, string>;
}

export interface Suggestions {
  /** The value the suggestions are for. */
  value: string;
  values: string[];
  total: number | undefined;
  hasMore: boolean;
}

export interface CompletionState {
  suggestions: Suggestions | undefined;
  loading: boolean;
  failure: RequestFailure | undefined;
}

/** Typing pauses this long before a `completion/complete` goes out. */
export const COMPLETION_DEBOUNCE_MS = 200;

/**
 * Suggestions for one field while it is focused: `completion/complete` with the field's
 * value and the other fields as context, debounced, newest answer wins.
 */
export function useCompletions(
  source: CompletionSource | undefined,
  argument: string,
  value: string,
  active: boolean,
): CompletionState {
  const [state, setState] = useState<CompletionState>({
    suggestions: undefined,
    loading: false,
    failure: undefined,
  });
  const sessionId = source?.sessionId;
  const refKey = source === undefined ? undefined : JSON.stringify(source.reference);
  const contextKey = source === undefined ? undefined : JSON.stringify(source.context);
  useEffect(() => {
    if (!active || sessionId === undefined || refKey === undefined || contextKey === undefined)
      return;
    let stale = false;
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, loading: true }));
      const context = JSON.parse(contextKey) as Record<string, string>;
      void sendRequest(sessionId, 'completion/complete', {
        ref: JSON.parse(refKey) as CompletionRef,
        argument: { name: argument, value },
        ...(Object.keys(context).length > 0 && { context: { arguments: context } }),
      }).then((result) => {
        if (stale) return;
        if (!result.ok) {
          setState({ suggestions: undefined, loading: false, failure: result });
          return;
        }
        const completion =
          isObject(result.result) && isObject(result.result.completion)
            ? result.result.completion
            : {};
        const values = Array.isArray(completion.values)
          ? completion.values.filter((v): v is string => typeof v === 'string')
          : [];
        setState({
          suggestions: {
            value,
            values,
            total: typeof completion.total === 'number' ? completion.total : undefined,
            hasMore: completion.hasMore === true,
          },
          loading: false,
          failure: undefined,
        });
      });
    }, COMPLETION_DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [active, sessionId, refKey, contextKey, argument, value]);
  return state;
}

/** The filled fields other than `name`, as `context.arguments`. */
export function otherValues(values: Record<string, string>, name: string): Record<string, string> {
  const context = nullObject<string>();
  for (const [key, v] of Object.entries(values)) if (key !== name && v !== '') context[key] = v;
  return context;
}
