// The one matcher of recorded requests: replay (the target's requests to the client), mock
// (the client's requests) and the web app's recorded sessions (a panel's request) all use it.

// The 2026-07-28 per-request `_meta` envelope: wire names from the specification, spelled
// here so that this runtime-neutral package needs no SDK at run time.
const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo';
const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities';
const LOG_LEVEL_META_KEY = 'io.modelcontextprotocol/logLevel';

/** A recorded request and what answered it. */
export interface Exchange<Answer> {
  method: string;
  params: unknown;
  answer: Answer;
}

interface Item<Answer> {
  exchange: Exchange<Answer>;
  used: boolean;
}

/** Items in recorded order, with a cursor past the ones already used. */
interface Queue<Answer> {
  items: Item<Answer>[];
  next: number;
}

/**
 * Recorded requests waiting to be answered again, by replay (the target's sampling,
 * elicitation and roots requests) and by mock (the client's requests). A request matches a
 * recorded one with the same method and the same params first, then the next unused one
 * with the same method, in recorded order. Lookups are by key, so that a recording of
 * thousands of calls is served without scanning it per request.
 */
export class RecordedExchanges<Answer> {
  private readonly byMethod = new Map<string, Queue<Answer>>();
  private readonly byRequest = new Map<string, Queue<Answer>>();

  add(exchange: Exchange<Answer>): void {
    const item: Item<Answer> = { exchange, used: false };
    queue(this.byMethod, exchange.method).items.push(item);
    queue(this.byRequest, requestKey(exchange.method, exchange.params)).items.push(item);
  }

  /** Whether any request of this method was recorded. */
  has(method: string): boolean {
    return this.byMethod.has(method);
  }

  /** The methods recorded, for error messages. */
  methods(): string[] {
    return [...this.byMethod.keys()];
  }

  /**
   * The answer for a live request, marked used. With `reuse`, an exact match is given again
   * once every exact match was used (a client may list tools twice); a same-method match
   * never is.
   */
  take(
    method: string,
    params: unknown,
    options: { reuse?: boolean } = {},
  ): { exchange: Exchange<Answer>; exact: boolean } | undefined {
    const exact = this.byRequest.get(requestKey(method, params));
    if (exact !== undefined) {
      const item = nextUnused(exact);
      if (item !== undefined) return { exchange: item.exchange, exact: true };
      if (options.reuse === true) return { exchange: exact.items.at(-1)!.exchange, exact: true };
    }
    const sameMethod = this.byMethod.get(method);
    const item = sameMethod === undefined ? undefined : nextUnused(sameMethod);
    return item === undefined ? undefined : { exchange: item.exchange, exact: false };
  }
}

function queue<Answer>(map: Map<string, Queue<Answer>>, key: string): Queue<Answer> {
  let found = map.get(key);
  if (found === undefined) {
    found = { items: [], next: 0 };
    map.set(key, found);
  }
  return found;
}

function nextUnused<Answer>(q: Queue<Answer>): Item<Answer> | undefined {
  while (q.next < q.items.length && q.items[q.next]!.used) q.next++;
  const item = q.items[q.next];
  if (item === undefined) return undefined;
  item.used = true;
  q.next++;
  return item;
}

/** The method and its comparable params as one key. */
export function requestKey(method: string, params: unknown): string {
  return `${method}\n${canonicalJson(comparableParams(params))}`;
}

/**
 * Params as compared: without `_meta.progressToken`, which every client numbers its own way,
 * without the 2026-07-28 envelope (version, clientInfo, clientCapabilities, logLevel), which
 * says who asked rather than what, and with absent params equal to empty ones.
 */
export function comparableParams(params: unknown): unknown {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) return params;
  const { _meta, ...rest } = params as Record<string, unknown>;
  if (typeof _meta !== 'object' || _meta === null || Array.isArray(_meta))
    return _meta === undefined ? rest : params;
  const {
    progressToken: _token,
    [PROTOCOL_VERSION_META_KEY]: _version,
    [CLIENT_INFO_META_KEY]: _client,
    [CLIENT_CAPABILITIES_META_KEY]: _capabilities,
    [LOG_LEVEL_META_KEY]: _level,
    ...meta
  } = _meta as Record<string, unknown>;
  return Object.keys(meta).length === 0 ? rest : { ...rest, _meta: meta };
}

/** JSON with object keys sorted, so that key order does not make two params differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `tools/call echo`, `resources/read demo://x`, or the bare method: a request as a reader names it. */
export function labelOf(method: string, params: unknown): string {
  const p = (params ?? {}) as Record<string, unknown>;
  const ref = (p['ref'] ?? {}) as Record<string, unknown>;
  const what = [p['name'], p['uri'], ref['name'], ref['uri']].find((v) => typeof v === 'string');
  return what === undefined ? method : `${method} ${String(what)}`;
}
