import * as z from 'zod/mini';
import { bareObject } from '../values/bareObject.js';

/** A mapping as the YAML and JSON parsers give one: an object, not a list. */
const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A mapping whose keys are the user's own text (a mapping file's value maps and columns, a standard's
 * thresholds), read into a `Map`. zod's own record skips a key named `__proto__` (it guards the plain object it
 * builds), so a value map of `__proto__` vanished without a word; and a plain object answers `constructor` or
 * `toString` from its prototype. A Map holds every key the file wrote and nothing else. Values are checked by
 * `value`, each at its key's path.
 */
export function userMap<V extends z.core.SomeType>(value: V) {
  return z.pipe(
    z.pipe(
      // The same words as zod's record when the value is not a mapping.
      z.custom<Record<string, unknown>>(isMapping, { params: { code: 'wrong-type', expected: ['record'] } }),
      // Own keys only, `__proto__` included (the parsers define it as an own property).
      z.transform((mapping: Record<string, unknown>) => new Map(Object.entries(mapping))),
    ),
    z.map(z.string(), value),
  );
}

/**
 * As `userMap`, but as an object that inherits no key (bareObject), for data that is handed on as JSON (a standard's thresholds
 * appear in the results): no key is ever found on a prototype, and `__proto__` is a key like any other.
 */
export function userRecord<V extends z.core.SomeType>(value: V) {
  return z.pipe(userMap(value), z.transform((map: Map<string, z.core.output<V>>) => bareObject(map)));
}
