/**
 * parseYamlSource when the parser itself fails (issue 23, item 6: the mutants of src/input/parseYamlSource.ts no test
 * reached). The nesting check before parsing keeps real input from exhausting the stack, so the yaml package is
 * wrapped here to fail as it does on a stack overflow: throwing a RangeError from the parse, reporting
 * RESOURCE_EXHAUSTION for a collection it could not compose, or throwing from `toJS`. Any other text is parsed by the
 * real package. These texts are plain enough for the plain reader (plainYaml.ts), which parseYamlSource tries first:
 * the library's path is called by itself.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseWithLibrary, parseYamlSource } from '../src/input/parseYamlSource.js';

const OVERFLOW = 'Maximum call stack size exceeded';

vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  return {
    ...yaml,
    parseAllDocuments: (text: string, options: Parameters<typeof yaml.parseAllDocuments>[1]) => {
      if (text === 'parse: overflows\n') throw new RangeError(OVERFLOW);
      if (text === 'parse: fails\n') throw new TypeError('not a stack overflow');
      const docs = yaml.parseAllDocuments(text, options);
      const [first] = docs;
      if (text === 'a:\n  b: [1]\n' && first) first.errors.push(new yaml.YAMLParseError([text.indexOf('['), text.indexOf(']') + 1], 'RESOURCE_EXHAUSTION', `${OVERFLOW}\nat the list`));
      if (text === 'toJS: overflows\n' && first) first.toJS = () => { throw new RangeError(OVERFLOW); };
      if (text === 'toJS: runs out\n' && first) first.toJS = () => { throw new RangeError('Invalid array length'); };
      return docs;
    },
  };
});

describe('parseYamlSource when the parser fails', () => {
  it('a stack overflow in the parse: too deep, at the start', () => {
    expect(parseWithLibrary('parse: overflows\n', 'f.yaml')).toEqual({ documents: [], diagnostics: [{ code: 'too-deep', file: 'f.yaml', line: 1, column: 1, path: '', limit: 64 }] });
  });

  it('any other error of the parse is not the input\'s: thrown', () => {
    expect(() => parseWithLibrary('parse: fails\n', 'f.yaml')).toThrow(new TypeError('not a stack overflow'));
  });

  it('a collection the parser could not compose (RESOURCE_EXHAUSTION): too deep, where it starts', () => {
    expect(parseWithLibrary('a:\n  b: [1]\n', 'f.yaml')).toEqual({ documents: [], diagnostics: [{ code: 'too-deep', file: 'f.yaml', line: 2, column: 6, path: '', limit: 64 }] });
  });

  it('a stack overflow while building the value: too deep; another RangeError: too many aliases', () => {
    expect(parseWithLibrary('toJS: overflows\n', 'f.yaml')).toEqual({ documents: [], diagnostics: [{ code: 'too-deep', file: 'f.yaml', line: 1, column: 1, path: '', limit: 64 }] });
    expect(parseWithLibrary('toJS: runs out\n', 'f.yaml')).toEqual({ documents: [], diagnostics: [{ code: 'too-many-aliases', file: 'f.yaml', line: 1, column: 1, path: '', limit: 100 }] });
  });

  it('other text is parsed as ever', () => {
    expect(parseYamlSource('a: [1]\n', 'f.yaml').documents.map((d) => d.value)).toEqual([{ a: [1] }]);
  });
});
