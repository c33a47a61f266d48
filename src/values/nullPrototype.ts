/** A null-prototype object of a Map's entries: a lookup finds the keys given, never `toString` or `constructor`. */
export function nullPrototype<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  // Assignment is safe here: without a prototype there is no `__proto__` setter to call.
  for (const [key, value] of entries) out[key] = value;
  return out;
}
