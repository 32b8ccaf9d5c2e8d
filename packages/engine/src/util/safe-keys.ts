/**
 * Lookups and objects keyed by names a server (or a user) chose: a method, a capability, a
 * JSON key. On a plain object `table['constructor']` is Object and `out['__proto__'] = v`
 * replaces the prototype instead of storing a key, so a message with such a name was
 * misjudged or silently lost a field. (Maps are used where the code owns the map.)
 */

/** `table[key]` counting only the table's own entries. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An object without a prototype: `__proto__` is an ordinary key there, nothing is inherited. */
export function nullObject<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
