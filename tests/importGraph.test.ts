/**
 * The shape of src/ (issue 23): no file imports, directly or through others, a file that imports it back — type
 * imports included, since a cycle of types is a cycle of meaning — and the folders keep the pipeline's order.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Each file of src/ and the files of src/ it imports (static, dynamic and type imports; packages left out). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
    graph.set(
      file,
      specifiers.map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts')),
    );
  }
  return graph;
}

/** The cycles of a graph, each once, as the files around it (Tarjan's strongly connected components of two or more). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    indexes.set(file, index);
    lowest.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!indexes.has(next)) {
        visit(next);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(next)!));
      } else if (onStack.has(next)) lowest.set(file, Math.min(lowest.get(file)!, indexes.get(next)!));
    }
    if (lowest.get(file) !== indexes.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!indexes.has(file)) visit(file);
  return found;
}

/** The folders of src/ in the pipeline's order: a folder may import only from folders before it (or itself). */
const LAYERS = ['values', 'tabular', 'input', 'standard', 'candidate', 'engine', 'hr', 'messages', 'output', 'reporters', 'diff', 'batch', 'cli'];

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads every file, and every import resolves to a file of src/', () => {
    expect(graph.size).toBeGreaterThan(80);
    for (const [file, imports] of graph) for (const target of imports) expect(graph.has(target), `${file} imports ${target}`).toBe(true);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const withCycle = new Map(graph);
    withCycle.set('src/values/calendarDate.ts', [...(graph.get('src/values/calendarDate.ts') ?? []), 'src/batch/runBatch.ts']);
    expect(cycles(withCycle).length).toBeGreaterThan(0);
  });

  it("loads at the CLI's start only what every command needs: the schemas of standard and mapping files on use", () => {
    // The files a static import of src/cli/program.ts reaches (a type import, or a name imported only as a type,
    // loads nothing; a dynamic import loads on use). The built CLI has builtinStandard.ts replaced by the standard
    // precompiled (scripts/build.js), which imports nothing.
    const loadsAtStart = (file: string) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s*from\s*'(\.{1,2}\/[^']+)'/gm)]
        .filter(([, names]) => !/^\{[^}]*\}$/.test(names) || names.slice(1, -1).split(',').some((name) => name.trim() !== '' && !name.trim().startsWith('type ')))
        .map((m) => normalize(join(dirname(file), m[2])).replace(/\.js$/, '.ts'));
    };
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      if (file !== 'src/standard/builtinStandard.ts') for (const next of loadsAtStart(file)) visit(next);
    };
    visit('src/cli/program.ts');
    expect(reached.size).toBeGreaterThan(40);
    expect(['src/standard/standardSchema.ts', 'src/standard/loadStandard.ts', 'src/hr/loadMapping.ts', 'src/batch/runBatch.ts'].filter((f) => reached.has(f))).toEqual([]);
  });

  it('keeps the pipeline order between folders', () => {
    const layerOf = (file: string) => {
      const folder = relative('src', file).split('/')[0];
      return LAYERS.includes(folder) ? LAYERS.indexOf(folder) : LAYERS.length; // src/index.ts: the library's edge
    };
    const backwards = [...graph].flatMap(([file, imports]) => imports.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} → ${target}`));
    expect(backwards).toEqual([]);
  });
});
