import { create } from 'zustand';
import { EMPTY_NAME_MAP, nullObject, withName, type NameMap } from '../../lib/name-map';
import { useApp } from '../../lib/store';
import { isObject, readIcons, str, type IconView, type JsonObject } from '../../lib/mcp-shapes';
import { emptyList, loadPages, type LoadMode, type PagedList } from '../../lib/paged-list';
import { sendRequest, type RequestResult } from '../../lib/send-request';

/** An entry of a prompt's `arguments[]`. */
export interface PromptArgumentView {
  name: string;
  title: string | undefined;
  description: string | undefined;
  required: boolean;
}

/** A prompt of `prompts/list`, with the fields the panel shows pulled out of `raw`. */
export interface PromptItem {
  raw: unknown;
  name: string | undefined;
  title: string | undefined;
  description: string | undefined;
  icons: IconView[];
  arguments: PromptArgumentView[];
}

export function parsePrompt(raw: unknown): PromptItem {
  const o: JsonObject = isObject(raw) ? raw : {};
  const args = Array.isArray(o.arguments) ? o.arguments : [];
  return {
    raw,
    name: str(o.name),
    title: str(o.title),
    description: str(o.description),
    icons: readIcons(o.icons),
    arguments: args.flatMap((a) =>
      isObject(a) && typeof a.name === 'string'
        ? [
            {
              name: a.name,
              title: str(a.title),
              description: str(a.description),
              required: a.required === true,
            },
          ]
        : [],
    ),
  };
}

/** One `prompts/get`: in flight, or its result, with the arguments it was sent with. */
export interface GetState {
  pending: boolean;
  result: RequestResult | undefined;
  at: number | undefined;
  sent: Record<string, string>;
}

/** What the prompts panel remembers for one session, across panel switches. */
export interface PromptsSessionState {
  epoch: string;
  list: PagedList<PromptItem>;
  filter: string;
  selected: string | undefined;
  /**
   * Values typed into each prompt's form, by prompt name; the values by argument name are
   * prototype-less objects. Names are the server's: see lib/name-map.ts.
   */
  args: NameMap<Record<string, string>>;
  results: NameMap<GetState>;
  /** The user asked to list prompts although the server declared no `prompts` capability. */
  forced: boolean;
}

function initial(epoch: string): PromptsSessionState {
  return {
    epoch,
    list: emptyList(),
    filter: '',
    selected: undefined,
    args: EMPTY_NAME_MAP,
    results: EMPTY_NAME_MAP,
    forced: false,
  };
}

/** Prompts panel state by session id. */
export const usePromptsStore = create<{ bySession: Record<string, PromptsSessionState> }>(() => ({
  bySession: {},
}));

const FALLBACK = initial('none');

export function usePromptsState(sessionId: string): PromptsSessionState {
  return usePromptsStore((s) => s.bySession[sessionId] ?? FALLBACK);
}

export function getPromptsState(sessionId: string): PromptsSessionState {
  return usePromptsStore.getState().bySession[sessionId] ?? FALLBACK;
}

export function updatePrompts(
  sessionId: string,
  change: (state: PromptsSessionState) => Partial<PromptsSessionState>,
): void {
  usePromptsStore.setState((s) => {
    const state = s.bySession[sessionId] ?? FALLBACK;
    return { bySession: { ...s.bySession, [sessionId]: { ...state, ...change(state) } } };
  });
}

/** Starts over after a new handshake (a reconnect), keeping what the user typed. */
export function syncPromptsEpoch(sessionId: string, epoch: string): void {
  const state = usePromptsStore.getState().bySession[sessionId];
  if (state?.epoch === epoch) return;
  usePromptsStore.setState((s) => ({
    bySession: {
      ...s.bySession,
      [sessionId]: {
        ...initial(epoch),
        ...(state && {
          filter: state.filter,
          selected: state.selected,
          args: state.args,
          forced: state.forced,
        }),
      },
    },
  }));
}

// Forget the state of sessions the proxy removed.
useApp.subscribe((app) => {
  const gone = Object.keys(usePromptsStore.getState().bySession).filter(
    (id) => app.sessions[id] === undefined,
  );
  if (gone.length === 0) return;
  usePromptsStore.setState((s) => {
    const bySession = { ...s.bySession };
    for (const id of gone) delete bySession[id];
    return { bySession };
  });
});

/** `prompts/list`, every page. */
export function loadPrompts(sessionId: string, mode: LoadMode = 'reload-all'): Promise<void> {
  return loadPages(
    {
      sessionId,
      method: 'prompts/list',
      field: 'prompts',
      parse: parsePrompt,
      get: () => getPromptsState(sessionId).list,
      set: (list) => updatePrompts(sessionId, () => ({ list })),
    },
    mode,
  );
}

/** `prompts/get` with the filled arguments; empty fields are left out. */
export async function getPrompt(
  sessionId: string,
  name: string,
  values: Record<string, string>,
): Promise<void> {
  if (getPromptsState(sessionId).results.get(name)?.pending === true) return;
  const sent = nullObject<string>();
  for (const [key, value] of Object.entries(values)) if (value !== '') sent[key] = value;
  updatePrompts(sessionId, (s) => ({
    results: withName(s.results, name, {
      pending: true,
      result: s.results.get(name)?.result,
      at: s.results.get(name)?.at,
      sent,
    }),
  }));
  const result = await sendRequest(sessionId, 'prompts/get', {
    name,
    ...(Object.keys(sent).length > 0 && { arguments: sent }),
  });
  updatePrompts(sessionId, (s) => ({
    results: withName(s.results, name, { pending: false, result, at: Date.now(), sent }),
  }));
}
