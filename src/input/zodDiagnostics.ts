import type { core } from 'zod/mini';
import { MAX_DIAGNOSTICS, formatPath, type Diagnostic, type ValueDiagnosticCode } from './diagnostic.js';
import type { SourceDocument } from './parseYamlSource.js';
import { closestForm } from './suggestion.js';

/** Custom issues raised by our own refinements carry their diagnostic in `params`. */
export interface CustomIssueParams {
  code: ValueDiagnosticCode;
  value?: unknown;
  expected?: string[];
}

/**
 * Turns zod issues into located diagnostics: file, line, column, path, offending value, what was expected, and
 * for an unknown key or value the nearest expected form (`labelOf` gives ids' labels to suggest too).
 */
export function zodDiagnostics(error: core.$ZodError, schema: core.$ZodType, source: SourceDocument, file: string,
  labelOf?: (id: string) => string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues.slice(0, MAX_DIAGNOSTICS)) {
    const path = issue.path;
    const valueAt = () => getIn(source.value, path);
    // A number that JSON would misquote (1e309 as null, 12345678901234567890 rounded) is shown as written.
    const shown = (p: readonly PropertyKey[]) => {
      const value = getIn(source.value, p);
      return typeof value === 'number' && !Number.isSafeInteger(value) && !(Number.isFinite(value) && !Number.isInteger(value)) ? (source.raw?.(p) ?? String(value)) : value;
    };
    const located = (p: readonly PropertyKey[], key = false) => ({ file, ...source.locate(p, key), path: formatPath(p) });
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const expected = allowedKeys(schema, path, source.value);
          out.push({ code: 'unknown-key', ...located([...path, key], true), value: key, expected, ...suggestion(key, expected) });
        }
        break;
      case 'invalid_type': {
        const value = shown(path);
        out.push({ code: value === undefined ? 'missing' : 'wrong-type', ...located(path, value === undefined), value, expected: [issue.expected] });
        break;
      }
      case 'invalid_value':
        out.push({ code: 'not-allowed', ...located(path), value: valueAt(), expected: issue.values.map(String) });
        break;
      case 'too_small':
        out.push({ code: 'too-small', ...located(path), value: shown(path), expected: [`${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`] });
        break;
      case 'too_big':
        out.push({ code: 'too-large', ...located(path), value: shown(path), expected: [`${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`] });
        break;
      case 'invalid_union': {
        // A discriminated union names its options, and its path ends at the discriminator (`criteria[5].kind`).
        const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
        if (discriminator) {
          const expected = (options ?? []).map(String);
          const value = valueAt();
          const suggestion = closestForm(value, expected);
          out.push({ code: 'not-allowed', ...located(path), value, expected, ...(suggestion ? { suggestion } : {}) });
        } else {
          // A plain union (string or number, a list or one string): name every type it accepts.
          const value = shown(path);
          const expected = [...new Set(issue.errors.flat().flatMap((e) => (e.code === 'invalid_type' ? [e.expected] : [])))];
          out.push({ code: value === undefined ? 'missing' : 'wrong-type', ...located(path, value === undefined), value, expected });
        }
        break;
      }
      case 'custom': {
        const params = (issue.params ?? {}) as Partial<CustomIssueParams>;
        const value = 'value' in params && typeof params.value !== 'number' ? params.value : shown(path);
        const expected = params.expected ?? (issue.message ? [issue.message] : []);
        out.push({ code: params.code ?? 'not-allowed', ...located(path), value, expected, ...(params.code === 'unknown-value' ? suggestion(value, expected, labelOf) : {}) });
        break;
      }
      default:
        out.push({ code: 'not-allowed', ...located(path), value: valueAt(), expected: issue.message ? [issue.message] : [] });
    }
  }
  if (error.issues.length > MAX_DIAGNOSTICS) out.push({ code: 'more-errors', file, path: '', count: error.issues.length - MAX_DIAGNOSTICS });
  return out;
}

function suggestion(value: unknown, expected: readonly string[], labelOf?: (id: string) => string | undefined): { suggestion?: string } {
  const form = closestForm(value, expected, labelOf);
  return form === undefined ? {} : { suggestion: form };
}

function getIn(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, segment)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[segment];
  }
  return v;
}

type Def = { type: string; shape?: Record<string, core.$ZodType>; element?: core.$ZodType; innerType?: core.$ZodType;
  in?: core.$ZodType; out?: core.$ZodType; options?: core.$ZodType[]; discriminator?: string;
  keyType?: core.$ZodType; valueType?: core.$ZodType; values?: unknown[]; entries?: Record<string, unknown> };
const defOf = (schema: core.$ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema that validates the value at `path`, choosing union members by the data. */
function schemaAt(schema: core.$ZodType, path: readonly PropertyKey[], data: unknown): core.$ZodType | undefined {
  let current: core.$ZodType | undefined = unwrap(schema, data);
  let value = data;
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    value = getIn(value, [segment]); // own keys only: a key named `constructor` is the file's, not the prototype's
    if (def.type === 'object') current = def.shape && Object.prototype.hasOwnProperty.call(def.shape, segment) ? def.shape[String(segment)] : undefined;
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record' || def.type === 'map') current = def.valueType;
    else return undefined;
    current = current && unwrap(current, value);
  }
  return current;
}

function unwrap(schema: core.$ZodType, data: unknown): core.$ZodType | undefined {
  let current: core.$ZodType | undefined = schema;
  for (let guard = 0; current && guard < 20; guard++) {
    const def = defOf(current);
    if (def.innerType && ['optional', 'default', 'nullable', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in) {
      // A mapping keyed by the user's text is checked as a Map after the pipe (userMap): its values' schema is there.
      const out = def.out && unwrap(def.out, data);
      current = out && defOf(out).type === 'map' ? out : def.in;
    } else if (def.type === 'union' && def.options) {
      const discriminator = def.discriminator;
      const wanted = discriminator && data && typeof data === 'object' ? (data as Record<string, unknown>)[discriminator] : undefined;
      if (discriminator) {
        current = def.options.find((o) => {
          const shape = defOf(unwrap(o, undefined) ?? o).shape;
          const literal = shape?.[discriminator] ? defOf(shape[discriminator]).values : undefined;
          return literal?.includes(wanted) ?? false;
        }) ?? def.options[0];
      } else {
        // A plain union of object shapes (a mapping's column: a join, or a scaled column): the one sharing the
        // most keys with the data, so an unknown key lists the keys of the form that was meant.
        const keys = data !== null && typeof data === 'object' ? Object.keys(data) : [];
        const shared = (o: core.$ZodType) => {
          const shape = defOf(o).shape;
          return shape ? keys.filter((k) => Object.prototype.hasOwnProperty.call(shape, k)).length : -1;
        };
        current = [...def.options].sort((x, y) => shared(y) - shared(x))[0];
      }
    } else return current;
  }
  return current;
}

/** The keys an object allows: its shape's, or for a record keyed by an enum (the mapping's tables), the enum's. */
function allowedKeys(schema: core.$ZodType, path: readonly PropertyKey[], data: unknown): string[] {
  const at = schemaAt(schema, path, data);
  if (!at) return [];
  const def = defOf(at);
  if (def.shape) return Object.keys(def.shape);
  const keys = def.keyType ? defOf(def.keyType) : undefined;
  return keys?.entries ? Object.values(keys.entries).map(String) : [];
}
