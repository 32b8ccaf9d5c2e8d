/**
 * Immutable updates of a `Map` keyed by names a server chose: tool and prompt names, URIs,
 * argument names. Such a name can be `constructor`, `__proto__` or `toString`, which a plain
 * object map answers with what its prototype holds (`history['constructor']` is a function:
 * `.find is not a function` blanked the whole UI), or silently refuses to store
 * (`o['__proto__'] = x`). A Map has no such keys.
 */
export type NameMap<T> = ReadonlyMap<string, T>;

/** An empty map, shared: never mutated. */
export const EMPTY_NAME_MAP: NameMap<never> = new Map<string, never>();

/** A copy of `map` with `key` set to `value`. */
export function withName<T>(map: NameMap<T>, key: string, value: T): NameMap<T> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

/** A copy of `map` without `key`. */
export function withoutName<T>(map: NameMap<T>, key: string): NameMap<T> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}

/**
 * A plain object without a prototype, for objects built from server-chosen keys that must stay
 * objects (they are sent as JSON, e.g. the content of an elicitation answer): `__proto__` is an
 * ordinary own key there, and `constructor` is not inherited.
 */
export function nullObject<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-less copy of `object` with `key` set to `value` (see {@link nullObject}). */
export function withKey<T>(
  object: Readonly<Record<string, T>> | undefined,
  key: string,
  value: T,
): Record<string, T> {
  const next = nullObject<T>();
  // [[Set]] on an object without a prototype: `__proto__` becomes an own key like any other.
  if (object !== undefined) Object.assign(next, object);
  next[key] = value;
  return next;
}

/**
 * `table[key]` of a constant lookup table, for a key the server chose (a method, a capability,
 * a format): only the table's own entries count, never `constructor` or `toString`.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
