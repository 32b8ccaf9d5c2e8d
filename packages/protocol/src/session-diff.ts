// What changed between two sessions: the surface a server offered (its identity, versions,
// capabilities and definitions) and the traffic, exchange by exchange. `mcpscope diff` and
// the web app's session diff both call diffSessions, so the CLI and the UI cannot disagree;
// replay compares server notifications with compareNotifications. Pure and runtime-neutral.
import { compareWithIgnored, type Difference } from './compare.js';
import { comparableParams, labelOf, RecordedExchanges } from './recorded-exchanges.js';
import type { TrafficEntry } from './traffic.js';

/** The sides of a diff: the first session (`a`, the baseline) and the second (`b`). */
export type Side = 'a' | 'b';

/** Where a surface listing lives: the list method and what identifies an item. */
const LISTINGS = {
  tools: { method: 'tools/list', key: 'tools', id: 'name' },
  prompts: { method: 'prompts/list', key: 'prompts', id: 'name' },
  resources: { method: 'resources/list', key: 'resources', id: 'uri' },
  templates: { method: 'resources/templates/list', key: 'resourceTemplates', id: 'uriTemplate' },
} as const;

/** A kind of surface difference: the server's own facts, or one of its listings. */
export type SurfaceKind = 'server' | keyof typeof LISTINGS;

/**
 * One difference in what the server offered. For `server`, `name` is `protocolVersion`,
 * `serverInfo`, `capabilities`, `instructions` or `era`; otherwise it is the item's name, URI
 * or URI template. `a`/`b` are the seqs of the frames that carry it on each side.
 */
export interface SurfaceChange {
  kind: SurfaceKind;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: JSONPath differences inside the item, `recorded` being side a. */
  differences: Difference[];
  a?: number;
  b?: number;
}

/**
 * How one exchange compares. `only-a`/`only-b`: no matching request on the other side;
 * `unanswered`: a side has no response to compare; `truncated`: a side holds only a preview
 * of a payload (a live session's display copy), so it was not compared.
 */
export type ExchangeStatus =
  'same' | 'different' | 'only-a' | 'only-b' | 'unanswered' | 'truncated';

/** A request and its response, on one side. */
export interface ExchangeFrames {
  request: number;
  response?: number;
}

/** One request of side a matched to one of side b, as replay matches them. */
export interface ExchangeDiff {
  /** `c2s`: the client's requests; `s2c`: the server's requests (sampling, elicitation, …). */
  dir: 'c2s' | 's2c';
  method: string;
  label: string;
  status: ExchangeStatus;
  /** False when b's request has the same method but other params. */
  exact: boolean;
  a?: ExchangeFrames;
  b?: ExchangeFrames;
  /** On `{params, result}` or `{params, error}`; `recorded` is side a, `actual` side b. */
  differences: Difference[];
  /** Differences the ignored paths hid: shown, never counted. */
  ignored: Difference[];
}

/** One server notification of side a paired with b's of the same method, in order. */
export interface NotificationDiff {
  method: string;
  status: 'same' | 'different' | 'only-a' | 'only-b';
  a?: number;
  b?: number;
  differences: Difference[];
  ignored: Difference[];
}

/** Totals of a diff. */
export interface SessionDiffSummary {
  surface: number;
  exchanges: { same: number; different: number; onlyA: number; onlyB: number; notCompared: number };
  notifications: { same: number; different: number; onlyA: number; onlyB: number };
  /** Whether anything differs (what `mcpscope diff --exit-code` exits 1 on). */
  differs: boolean;
}

/** The whole comparison of two sessions. */
export interface SessionDiff {
  ignoredPaths: readonly string[];
  surface: SurfaceChange[];
  exchanges: ExchangeDiff[];
  notifications: NotificationDiff[];
  summary: SessionDiffSummary;
}

/** A server notification as compared: its method, params and where it is. */
export interface Notice {
  method: string;
  params: unknown;
  seq: number;
}

interface Call {
  dir: 'c2s' | 's2c';
  method: string;
  params: unknown;
  request: TrafficEntry;
  response?: TrafficEntry;
}

/** Compares two sessions' traffic. `ignore` are JSONPath expressions (see compare.ts). */
export function diffSessions(
  a: readonly TrafficEntry[],
  b: readonly TrafficEntry[],
  options: { ignore: readonly string[] },
): SessionDiff {
  const callsA = callsOf(a);
  const callsB = callsOf(b);
  const surface = diffSurface(callsA, callsB);
  const exchanges = diffExchanges(exchangesOf(callsA), exchangesOf(callsB), options.ignore);
  const notifications = compareNotifications(noticesOf(a), noticesOf(b), options.ignore);
  const count = (status: ExchangeStatus) => exchanges.filter((e) => e.status === status).length;
  const countN = (status: NotificationDiff['status']) =>
    notifications.filter((n) => n.status === status).length;
  const summary: SessionDiffSummary = {
    surface: surface.length,
    exchanges: {
      same: count('same'),
      different: count('different'),
      onlyA: count('only-a'),
      onlyB: count('only-b'),
      notCompared: count('unanswered') + count('truncated'),
    },
    notifications: {
      same: countN('same'),
      different: countN('different'),
      onlyA: countN('only-a'),
      onlyB: countN('only-b'),
    },
    differs: false,
  };
  summary.differs =
    surface.length > 0 ||
    exchanges.some((e) => e.status === 'different' || e.status.startsWith('only')) ||
    notifications.some((n) => n.status !== 'same');
  return { ignoredPaths: options.ignore, surface, exchanges, notifications, summary };
}

function msgOf(entry: TrafficEntry | undefined): Record<string, unknown> {
  const msg = entry?.msg;
  return typeof msg === 'object' && msg !== null ? (msg as Record<string, unknown>) : {};
}

/**
 * The requests of a session with their final responses. A later round of a multi-round
 * call (2026-07-28) belongs to the call it continues; its response is the call's answer.
 */
function callsOf(entries: readonly TrafficEntry[]): Call[] {
  const calls: Call[] = [];
  const bySeq = new Map<number, Call>();
  for (const entry of entries) {
    if (entry.dir === 'meta') continue;
    if (entry.kind === 'request') {
      const msg = msgOf(entry);
      const of = entry.round === undefined ? undefined : bySeq.get(entry.round.of);
      if (of !== undefined) {
        bySeq.set(entry.seq, of);
        continue;
      }
      const call: Call = {
        dir: entry.dir,
        method: String(msg['method']),
        params: msg['params'],
        request: entry,
      };
      calls.push(call);
      bySeq.set(entry.seq, call);
    } else if (
      (entry.kind === 'response' || entry.kind === 'error') &&
      entry.pairSeq !== undefined
    ) {
      const call = bySeq.get(entry.pairSeq);
      if (call !== undefined && call.dir !== entry.dir) call.response = entry;
    }
  }
  return calls;
}

/**
 * The version probe is negotiation, not an exchange (replay does not send it again either):
 * whether a client probed depends on what it had cached. The era agreed is on the surface.
 */
function exchangesOf(calls: Call[]): Call[] {
  return calls.filter((call) => !(call.dir === 'c2s' && call.method === 'server/discover'));
}

function noticesOf(entries: readonly TrafficEntry[]): Notice[] {
  return entries
    .filter((e) => e.dir === 's2c' && e.kind === 'notification')
    .map((e) => ({ method: String(msgOf(e)['method']), params: msgOf(e)['params'], seq: e.seq }));
}

function document(call: Call): Record<string, unknown> {
  const msg = msgOf(call.response);
  const params = comparableParams(call.params);
  return call.response?.kind === 'error'
    ? { params, error: msg['error'] }
    : { params, result: msg['result'] };
}

function frames(call: Call): ExchangeFrames {
  return call.response === undefined
    ? { request: call.request.seq }
    : { request: call.request.seq, response: call.response.seq };
}

function diffExchanges(a: Call[], b: Call[], ignore: readonly string[]): ExchangeDiff[] {
  const others = new RecordedExchanges<Call>();
  for (const call of b) others.add({ method: key(call), params: call.params, answer: call });
  const taken = new Set<Call>();
  const out: ExchangeDiff[] = [];
  for (const call of a) {
    const match = others.take(key(call), call.params);
    const base = { dir: call.dir, method: call.method, label: labelOf(call.method, call.params) };
    if (match === undefined) {
      out.push({
        ...base,
        status: 'only-a',
        exact: false,
        a: frames(call),
        differences: [],
        ignored: [],
      });
      continue;
    }
    const other = match.exchange.answer;
    taken.add(other);
    out.push({
      ...base,
      exact: match.exact,
      a: frames(call),
      b: frames(other),
      ...judge(call, other, ignore),
    });
  }
  for (const call of b) {
    if (taken.has(call)) continue;
    out.push({
      dir: call.dir,
      method: call.method,
      label: labelOf(call.method, call.params),
      status: 'only-b',
      exact: false,
      b: frames(call),
      differences: [],
      ignored: [],
    });
  }
  return out;
}

/** A client's and a server's requests of the same method are never matched with each other. */
function key(call: Call): string {
  return `${call.dir} ${call.method}`;
}

function judge(
  a: Call,
  b: Call,
  ignore: readonly string[],
): Pick<ExchangeDiff, 'status' | 'differences' | 'ignored'> {
  const none = { differences: [], ignored: [] };
  if (a.response === undefined || b.response === undefined)
    return { status: 'unanswered', ...none };
  const partial = [a.request, a.response, b.request, b.response].some((e) => e.truncated);
  if (partial) return { status: 'truncated', ...none };
  const compared = compareWithIgnored(document(a), document(b), ignore);
  return { status: compared.differences.length === 0 ? 'same' : 'different', ...compared };
}

/**
 * Server notifications compared method by method, the n-th of a method on one side with the
 * n-th on the other: servers interleave notifications with responses as timing allows, so
 * the order across methods is not the server's behaviour, the order within one is.
 */
export function compareNotifications(
  a: readonly Notice[],
  b: readonly Notice[],
  ignore: readonly string[],
): NotificationDiff[] {
  const byMethod = (list: readonly Notice[]) => {
    const map = new Map<string, Notice[]>();
    for (const n of list) map.set(n.method, [...(map.get(n.method) ?? []), n]);
    return map;
  };
  const left = byMethod(a);
  const right = byMethod(b);
  const out: NotificationDiff[] = [];
  for (const method of new Set([...left.keys(), ...right.keys()])) {
    const xs = left.get(method) ?? [];
    const ys = right.get(method) ?? [];
    for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
      const x = xs[i];
      const y = ys[i];
      if (x === undefined || y === undefined) {
        const only = x ?? y!;
        out.push({
          method,
          status: x === undefined ? 'only-b' : 'only-a',
          ...(x === undefined ? { b: only.seq } : { a: only.seq }),
          differences: [],
          ignored: [],
        });
        continue;
      }
      const compared = compareWithIgnored({ params: x.params }, { params: y.params }, ignore);
      out.push({
        method,
        status: compared.differences.length === 0 ? 'same' : 'different',
        a: x.seq,
        b: y.seq,
        ...compared,
      });
    }
  }
  // In the order side a saw them (b's extras last), as a reader walks the log.
  return out.sort((x, y) => (x.a ?? Infinity) - (y.a ?? Infinity) || (x.b ?? 0) - (y.b ?? 0));
}

// ---- surface ----

interface ServerFacts {
  seq: number;
  era: 'legacy' | 'modern';
  facts: Record<string, unknown>;
}

/** What the server said about itself: its initialize result, or its server/discover one. */
function serverFacts(calls: Call[]): ServerFacts | undefined {
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i]!;
    if (call.dir !== 'c2s' || call.response?.kind !== 'response') continue;
    if (call.method !== 'initialize' && call.method !== 'server/discover') continue;
    const result = msgOf(call.response)['result'];
    if (typeof result !== 'object' || result === null) continue;
    const r = result as Record<string, unknown>;
    const facts: Record<string, unknown> = {
      protocolVersion: r['protocolVersion'] ?? r['supportedVersions'],
      serverInfo: r['serverInfo'],
      capabilities: r['capabilities'],
      instructions: r['instructions'],
    };
    return {
      seq: call.response.seq,
      era: call.method === 'initialize' ? 'legacy' : 'modern',
      facts,
    };
  }
  return undefined;
}

/** Every item of a listing across its pages and repeats, the latest copy of each. */
function listing(
  calls: Call[],
  kind: keyof typeof LISTINGS,
): Map<string, { item: unknown; seq: number }> | undefined {
  const { method, key, id } = LISTINGS[kind];
  let items: Map<string, { item: unknown; seq: number }> | undefined;
  for (const call of calls) {
    if (call.dir !== 'c2s' || call.method !== method || call.response?.kind !== 'response')
      continue;
    const list = (msgOf(call.response)['result'] as Record<string, unknown> | undefined)?.[key];
    if (!Array.isArray(list)) continue;
    items ??= new Map();
    for (const item of list) {
      const name = (item as Record<string, unknown> | null)?.[id];
      if (typeof name === 'string') items.set(name, { item, seq: call.response.seq });
    }
  }
  return items;
}

/**
 * Definitions are compared whole, with no ignored paths: a changed description or schema is
 * exactly what a surface diff is for. A listing neither side made is not compared.
 */
function diffSurface(a: Call[], b: Call[]): SurfaceChange[] {
  const out: SurfaceChange[] = [];
  const left = serverFacts(a);
  const right = serverFacts(b);
  if (left !== undefined && right !== undefined) {
    if (left.era !== right.era)
      out.push({
        kind: 'server',
        name: 'era',
        change: 'changed',
        differences: [{ path: '$.era', recorded: left.era, actual: right.era }],
        a: left.seq,
        b: right.seq,
      });
    for (const name of ['protocolVersion', 'serverInfo', 'capabilities', 'instructions']) {
      const change = itemChange('server', name, left.facts[name], right.facts[name]);
      if (change !== undefined) out.push({ ...change, a: left.seq, b: right.seq });
    }
  }
  for (const kind of Object.keys(LISTINGS) as (keyof typeof LISTINGS)[]) {
    const x = listing(a, kind);
    const y = listing(b, kind);
    // A side that never listed this kind says nothing about it: there is nothing to compare.
    if (x === undefined || y === undefined) continue;
    for (const name of new Set([...x.keys(), ...y.keys()])) {
      const before = x.get(name);
      const after = y.get(name);
      const change = itemChange(kind, name, before?.item, after?.item);
      if (change === undefined) continue;
      out.push({
        ...change,
        ...(before !== undefined && { a: before.seq }),
        ...(after !== undefined && { b: after.seq }),
      });
    }
  }
  return out;
}

function itemChange(
  kind: SurfaceKind,
  name: string,
  before: unknown,
  after: unknown,
): Omit<SurfaceChange, 'a' | 'b'> | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return { kind, name, change: 'added', differences: [] };
  if (after === undefined) return { kind, name, change: 'removed', differences: [] };
  const { differences } = compareWithIgnored(before, after, []);
  return differences.length === 0 ? undefined : { kind, name, change: 'changed', differences };
}
