import { exec, type JsonValue } from 'jsonpath-rfc9535';
import { REDACTED } from './recording.js';

/**
 * Fields that differ from run to run without the server behaving differently: ids,
 * timestamps, session ids and the server's version string. Paths are RFC 9535 JSONPath on
 * the compared document, `{"result": …}` or `{"error": …}`.
 */
export const DEFAULT_IGNORED_PATHS: readonly string[] = [
  '$.result.serverInfo.version',
  '$..progressToken',
  '$..sessionId',
  '$..taskId',
  '$..requestId',
  '$..timestamp',
  '$..createdAt',
  '$..updatedAt',
  '$..lastUpdatedAt',
  '$..lastModified',
];

/** Why a path expression is not valid, or `undefined` when it is. */
export function jsonPathProblem(expression: string): string | undefined {
  try {
    exec({}, expression, () => undefined);
    return undefined;
  } catch (error) {
    const column = (error as { location?: { start?: { column?: number } } }).location?.start
      ?.column;
    return `not a valid JSONPath (RFC 9535)${column === undefined ? '' : ` at column ${column}`}; paths look like "$.content[0].text" or "$.tools[?@.name=='echo']"`;
  }
}

/** One place where the live document differs from the recorded one. */
export interface Difference {
  /** JSONPath of the node, e.g. `$.result.content[0].text`. */
  path: string;
  /** `undefined` when the recorded document has nothing there. */
  recorded?: unknown;
  /** `undefined` when the live document has nothing there. */
  actual?: unknown;
}

/**
 * The structural differences between two JSON documents after removing what `ignore`
 * selects in either. Object key order never matters; array order does.
 */
export function compareDocuments(
  recorded: unknown,
  actual: unknown,
  ignore: readonly string[],
): Difference[] {
  return compareWithIgnored(recorded, actual, ignore).differences;
}

/**
 * {@link compareDocuments}, and also the differences that `ignore` hid: a report shows
 * them apart, so that a reader sees what was left out of the verdict and why.
 */
export function compareWithIgnored(
  recorded: unknown,
  actual: unknown,
  ignore: readonly string[],
): { differences: Difference[]; ignored: Difference[] } {
  const all: Difference[] = [];
  // Most compared documents are equal as they are; only a difference is worth stripping for.
  diff(recorded, actual, '$', all);
  if (all.length === 0 || ignore.length === 0) return { differences: all, ignored: [] };
  const differences: Difference[] = [];
  diff(strip(recorded, ignore), strip(actual, ignore), '$', differences);
  const kept = new Set(differences.map((d) => d.path));
  return { differences, ignored: all.filter((d) => !kept.has(d.path)) };
}

/** A deep copy of `value` without the nodes the paths select (a selected root stays). */
export function strip(value: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0 || typeof value !== 'object' || value === null) return value;
  // Documents are JSON (parsed frames): a JSON round trip is a full copy, in any runtime.
  const copy = JSON.parse(JSON.stringify(value)) as JsonValue;
  // Every path is selected on the untouched copy, then removed deepest and last first, so
  // that removing one array element does not shift another selected one.
  const selected = new Map<string, readonly (string | number)[]>();
  for (const expression of paths) {
    const member = DESCENDANT_MEMBER.exec(expression)?.[1];
    if (member !== undefined) {
      // `$..name` is every member called name: one walk, no JSONPath evaluation.
      removeMembers(copy, member);
      continue;
    }
    exec(copy, expression, (_node: unknown, path: readonly (string | number)[]) => {
      if (path.length > 0) selected.set(JSON.stringify(path), [...path]);
    });
  }
  const ordered = [...selected.values()].sort((a, b) => b.length - a.length || compareLast(b, a));
  for (const path of ordered) remove(copy, path);
  return copy;
}

const DESCENDANT_MEMBER = /^\$\.\.([A-Za-z_][A-Za-z0-9_]*)$/;

function removeMembers(value: unknown, name: string): void {
  if (Array.isArray(value)) {
    for (const item of value) removeMembers(item, name);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    delete record[name];
    for (const child of Object.values(record)) removeMembers(child, name);
  }
}

function compareLast(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const x = a[a.length - 1];
  const y = b[b.length - 1];
  return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
}

function remove(root: unknown, path: readonly (string | number)[]): void {
  let parent = root;
  for (const part of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return;
    parent = (parent as Record<string | number, unknown>)[part];
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (typeof parent === 'object' && parent !== null)
    delete (parent as Record<string, unknown>)[last];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function diff(recorded: unknown, actual: unknown, path: string, out: Difference[]): void {
  if (isObject(recorded) && isObject(actual)) {
    const keys = new Set([...Object.keys(recorded), ...Object.keys(actual)]);
    for (const key of keys) diff(recorded[key], actual[key], memberPath(path, key), out);
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    const key = identityKey(recorded, actual);
    if (key !== undefined) {
      diffByKey(recorded, actual, key, path, out);
      return;
    }
    const n = Math.max(recorded.length, actual.length);
    for (let i = 0; i < n; i++) diff(recorded[i], actual[i], `${path}[${i}]`, out);
    return;
  }
  if (recorded === actual || redactedMatch(recorded, actual)) return;
  const difference: Difference = { path };
  if (recorded !== undefined) difference.recorded = recorded;
  if (actual !== undefined) difference.actual = actual;
  out.push(difference);
}

/** Properties that name an item of a listing: tools, prompts, resources, templates. */
const IDENTITY_KEYS = ['name', 'uri', 'uriTemplate'] as const;

/**
 * The property that identifies every item of both arrays, when there is one: a listing is
 * then compared item by item, so that one added tool reads as one addition rather than as
 * every later tool changed.
 */
function identityKey(a: unknown[], b: unknown[]): string | undefined {
  if (a.length === 0 && b.length === 0) return undefined;
  return IDENTITY_KEYS.find((key) => {
    const seen = [new Set<string>(), new Set<string>()];
    return [a, b].every((list, i) =>
      list.every((item) => {
        const id = isObject(item) ? item[key] : undefined;
        if (typeof id !== 'string' || seen[i]!.has(id)) return false;
        seen[i]!.add(id);
        return true;
      }),
    );
  });
}

function diffByKey(
  recorded: unknown[],
  actual: unknown[],
  key: string,
  path: string,
  out: Difference[],
): void {
  const byId = (list: unknown[]) =>
    new Map(list.map((item) => [(item as Record<string, string>)[key]!, item]));
  const before = byId(recorded);
  const after = byId(actual);
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    diff(before.get(id), after.get(id), `${path}[?@.${key}==${quoted(id)}]`, out);
  }
}

/** A JSONPath string literal, so that a difference's path can be given to --ignore-path. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A recording keeps secrets as `[REDACTED]`, the live response has the secret itself: a
 * recorded string with redactions matches any live string that differs only there.
 */
function redactedMatch(recorded: unknown, actual: unknown): boolean {
  if (typeof recorded !== 'string' || typeof actual !== 'string') return false;
  if (!recorded.includes(REDACTED)) return false;
  const pattern = recorded
    .split(REDACTED)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(actual);
}

function memberPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}
