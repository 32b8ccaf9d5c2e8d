import { create } from 'zustand';
import { EMPTY_NAME_MAP, withName, withoutName, type NameMap } from '../../lib/name-map';
import { isModern, setListenUri } from './listen-store';
import { useApp } from '../../lib/store';
import {
  isObject,
  num,
  readAnnotations,
  readIcons,
  str,
  type AnnotationsView,
  type IconView,
  type JsonObject,
} from '../../lib/mcp-shapes';
import { emptyList, loadPages, type PagedList } from '../../lib/paged-list';
import { sendRequest, type RequestFailure, type RequestResult } from '../../lib/send-request';

/** A resource of `resources/list`, with the fields the panel shows pulled out of `raw`. */
export interface ResourceItem {
  raw: unknown;
  uri: string | undefined;
  name: string | undefined;
  title: string | undefined;
  description: string | undefined;
  mimeType: string | undefined;
  size: number | undefined;
  icons: IconView[];
  annotations: AnnotationsView | undefined;
}

/** A template of `resources/templates/list`. */
export interface TemplateItem extends Omit<ResourceItem, 'uri' | 'size'> {
  uriTemplate: string | undefined;
}

function common(raw: JsonObject) {
  return {
    name: str(raw.name),
    title: str(raw.title),
    description: str(raw.description),
    mimeType: str(raw.mimeType),
    icons: readIcons(raw.icons),
    annotations: readAnnotations(raw.annotations),
  };
}

export function parseResource(raw: unknown): ResourceItem {
  const o = isObject(raw) ? raw : {};
  return { raw, uri: str(o.uri), size: num(o.size), ...common(o) };
}

export function parseTemplate(raw: unknown): TemplateItem {
  const o = isObject(raw) ? raw : {};
  return { raw, uriTemplate: str(o.uriTemplate), ...common(o) };
}

/** One `resources/read`: in flight, or its result. */
export interface ReadState {
  uri: string;
  pending: boolean;
  result: RequestResult | undefined;
  /** Wall-clock time the result came back. */
  at: number | undefined;
}

/**
 * A subscribe or unsubscribe this page sent. The traffic log says what the server holds
 * (see `trafficSubscriptions`); this only covers the time until the answer shows up there,
 * and failures, which stay listed until dismissed.
 */
export interface SubscriptionOp {
  uri: string;
  subscribe: boolean;
  state: 'pending' | 'done' | 'failed';
  /** For `done`: seq of the server's answer, to tell when the traffic has caught up. */
  responseSeq: number | undefined;
  failure: RequestFailure | undefined;
}

export type ResourcesTab = 'resources' | 'templates' | 'subscriptions';

export type Selection =
  | { kind: 'resource'; uri: string }
  | { kind: 'template'; uriTemplate: string }
  /** A URI read from elsewhere (an update of the feed, an expanded template). */
  | { kind: 'uri'; uri: string };

/** What the resources panel remembers for one session, across panel switches. */
export interface ResourcesSessionState {
  epoch: string;
  resources: PagedList<ResourceItem>;
  templates: PagedList<TemplateItem>;
  tab: ResourcesTab;
  filter: string;
  selection: Selection | undefined;
  /** Values typed into each template's form, by template. */
  templateValues: NameMap<Record<string, string>>;
  /** By URI. URIs and template names are the server's: Maps, see lib/name-map.ts. */
  reads: NameMap<ReadState>;
  subscriptionOps: NameMap<SubscriptionOp>;
  /** The user asked to list resources although the server declared no `resources` capability. */
  forced: boolean;
}

function initial(epoch: string): ResourcesSessionState {
  return {
    epoch,
    resources: emptyList(),
    templates: emptyList(),
    tab: 'resources',
    filter: '',
    selection: undefined,
    templateValues: EMPTY_NAME_MAP,
    reads: EMPTY_NAME_MAP,
    subscriptionOps: EMPTY_NAME_MAP,
    forced: false,
  };
}

/** Resources panel state by session id. */
export const useResourcesStore = create<{ bySession: Record<string, ResourcesSessionState> }>(
  () => ({ bySession: {} }),
);

const FALLBACK = initial('none');

/** The state of one session; a fresh one (not stored until changed) when there is none. */
export function useResourcesState(sessionId: string): ResourcesSessionState {
  return useResourcesStore((s) => s.bySession[sessionId] ?? FALLBACK);
}

/** The state of one session, outside React. */
export function getResourcesState(sessionId: string): ResourcesSessionState {
  return useResourcesStore.getState().bySession[sessionId] ?? FALLBACK;
}

/** Applies a change to one session's state. */
export function updateResources(
  sessionId: string,
  change: (state: ResourcesSessionState) => Partial<ResourcesSessionState>,
): void {
  useResourcesStore.setState((s) => {
    const state = s.bySession[sessionId] ?? FALLBACK;
    return { bySession: { ...s.bySession, [sessionId]: { ...state, ...change(state) } } };
  });
}

/**
 * Starts over when the session ran a new handshake (a reconnect): the server forgot our
 * subscriptions and its lists may differ. Returns true when it did.
 */
export function syncEpoch(sessionId: string, epoch: string): boolean {
  const state = useResourcesStore.getState().bySession[sessionId];
  if (state?.epoch === epoch) return false;
  useResourcesStore.setState((s) => ({
    bySession: {
      ...s.bySession,
      [sessionId]: {
        ...initial(epoch),
        ...(state && {
          tab: state.tab,
          filter: state.filter,
          selection: state.selection,
          templateValues: state.templateValues,
          forced: state.forced,
        }),
      },
    },
  }));
  return true;
}

// Forget the state of sessions the proxy removed.
useApp.subscribe((app) => {
  const gone = Object.keys(useResourcesStore.getState().bySession).filter(
    (id) => app.sessions[id] === undefined,
  );
  if (gone.length === 0) return;
  useResourcesStore.setState((s) => {
    const bySession = { ...s.bySession };
    for (const id of gone) delete bySession[id];
    return { bySession };
  });
});

export function loadResources(sessionId: string, mode: 'first' | 'more' | 'all'): Promise<void> {
  return loadPages(
    {
      sessionId,
      method: 'resources/list',
      field: 'resources',
      parse: parseResource,
      get: () => getResourcesState(sessionId).resources,
      set: (resources) => updateResources(sessionId, () => ({ resources })),
    },
    mode,
  );
}

export function loadTemplates(sessionId: string, mode: 'first' | 'more' | 'all'): Promise<void> {
  return loadPages(
    {
      sessionId,
      method: 'resources/templates/list',
      field: 'resourceTemplates',
      parse: parseTemplate,
      get: () => getResourcesState(sessionId).templates,
      set: (templates) => updateResources(sessionId, () => ({ templates })),
    },
    mode,
  );
}

/** Reads a resource; the result is kept by URI until the next read of the same URI. */
export async function readResource(sessionId: string, uri: string): Promise<void> {
  if (getResourcesState(sessionId).reads.get(uri)?.pending === true) return;
  updateResources(sessionId, (s) => ({
    reads: withName(s.reads, uri, {
      uri,
      pending: true,
      result: s.reads.get(uri)?.result,
      at: s.reads.get(uri)?.at,
    }),
  }));
  const result = await sendRequest(sessionId, 'resources/read', { uri });
  updateResources(sessionId, (s) => ({
    reads: withName(s.reads, uri, { uri, pending: false, result, at: Date.now() }),
  }));
}

/**
 * `resources/subscribe` or `resources/unsubscribe` for one URI; in the 2026-07-28 era, a new
 * `subscriptions/listen` with the URI added or removed.
 */
export async function setSubscribed(
  sessionId: string,
  uri: string,
  subscribe: boolean,
): Promise<void> {
  // 2026-07-28: no resources/subscribe; the session's one subscriptions/listen is replaced.
  if (isModern(sessionId)) return setListenUri(sessionId, uri, subscribe);
  if (getResourcesState(sessionId).subscriptionOps.get(uri)?.state === 'pending') return;
  const put = (op: SubscriptionOp): void =>
    updateResources(sessionId, (s) => ({ subscriptionOps: withName(s.subscriptionOps, uri, op) }));
  put({ uri, subscribe, state: 'pending', responseSeq: undefined, failure: undefined });
  const result = await sendRequest(
    sessionId,
    subscribe ? 'resources/subscribe' : 'resources/unsubscribe',
    { uri },
  );
  put(
    result.ok
      ? { uri, subscribe, state: 'done', responseSeq: result.responseSeq, failure: undefined }
      : { uri, subscribe, state: 'failed', responseSeq: undefined, failure: result },
  );
}

/** Forgets a failed subscribe or unsubscribe. */
export function dismissSubscriptionOp(sessionId: string, uri: string): void {
  updateResources(sessionId, (s) => ({ subscriptionOps: withoutName(s.subscriptionOps, uri) }));
}
