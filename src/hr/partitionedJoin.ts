import type { Standard } from '../standard/loadStandard.js';
import { readCsvKept, type CsvTable, type RowFilter } from '../tabular/readCsv.js';
import type { BoundTable } from './bindHrTable.js';
import { joinOrder, joinTables, type CandidateUnit, type TableJoin } from './joinHrTables.js';
import { changed, noIdDiagnostics, readAgain, sameHeader, type KeyNumbers, type TableScan } from './sortedJoin.js';

/**
 * The join of HR tables too large to hold whole and not sorted by candidate id. As the inputs were read, each
 * table's rows were noted by candidate (TableScan with KeyNumbers: the ids only, the rows let go), and the candidates
 * are numbered here in the order the join of tables read whole gives them (joinTables: first appearance, the
 * engagements tables first). The tables are then read again once a pass, each pass keeping only the rows of its
 * share of the candidates — a run of that order — which it joins as tables read whole are joined. The memory is
 * that of a share; the candidates come in the same order, with the same rows, as from tables read whole, since a
 * share holds every row of its candidates and their first rows keep their order.
 *
 * Every table of one file must read its ids from one column (readInputs joins so only then): a row is kept for
 * all of them or none. The scans are the join's from then on: what they noted of each row becomes its place.
 */
export function partitionedJoin(tables: readonly BoundTable[], scans: ReadonlyMap<BoundTable, TableScan>, keys: KeyNumbers, passes: number,
  standard: Standard): TableJoin {
  const ordered = joinOrder(tables);
  const diagnostics = noIdDiagnostics(ordered, scans);
  // Each candidate's place in the join's order, by their key's number; and where each place's first row is.
  const size = keys.numbers.size;
  const placeOf = new Int32Array(size).fill(-1);
  const firstTable = new Int32Array(size);
  const firstRow = new Int32Array(size);
  let count = 0;
  ordered.forEach((table, t) => {
    const scan = scans.get(table)!;
    for (let row = 0; row < scan.rows; row++) {
      const key = scan.rowKeys[row]!;
      if (key < 0 || placeOf[key] !== -1) continue;
      placeOf[key] = count;
      firstTable[count] = t;
      firstRow[count++] = scan.rowNumbers[row]!;
    }
  });
  // Each file's rows' places (its tables read their ids from one column: the first's are every one's).
  const files = [...new Set(ordered.map((table) => table.csv))];
  const placesOf = new Map(files.map((csv) => [csv, scans.get(ordered.find((table) => table.csv === csv)!)!.numberRows(placeOf)] as const));
  return {
    diagnostics,
    survey: (wanted, asked) => {
      const found = new Map<string, string>();
      for (const key of wanted) {
        const number = keys.numbers.get(key);
        if (number === undefined) continue;
        const place = placeOf[number]!;
        // A key of a reading started over (a file found to be in another encoding): no row of it is left.
        if (place === -1) continue;
        found.set(key, `${ordered[firstTable[place]!]!.csv.file}:${firstRow[place]}`);
      }
      // The keys are needed no more: each row's candidate is a number.
      keys.numbers.clear();
      return Promise.resolve(asked ? { count, found } : { found });
    },
    units: async function* (): AsyncGenerator<CandidateUnit[]> {
      /**
       * The candidates of places [from, to): the tables read again, keeping their rows, and joined. A generator of
       * its own, so that a share's tables are let go before the next is read.
       */
      async function* share(from: number, to: number): AsyncGenerator<CandidateUnit[]> {
        const shares = new Map<CsvTable, CsvTable>();
        for (const csv of files) {
          const places = placesOf.get(csv)!;
          const rows: RowFilter = { keep: (row) => row < places.length && places[row]! >= from && places[row]! < to, rows: -1 };
          const read = await readAgain(csv.file, () => readCsvKept(csv.file, csv.encoding, rows, sameHeader(csv)));
          // Rows more or fewer than the first reading met: not the rows it numbered.
          if (rows.rows !== places.length) throw changed(csv.file);
          shares.set(csv, read);
        }
        const join = joinTables(ordered.map((table) => ({ ...table, csv: shares.get(table.csv)! })), standard);
        // Each candidate of the share, and none other (rows of other candidates in the same places: a file changed).
        if ((await join.survey(new Set(), true)).count !== to - from) throw changed(files[0]!.file);
        yield* join.units();
      }
      for (let pass = 0; pass < passes; pass++) {
        const [from, to] = [Math.floor((pass * count) / passes), Math.floor(((pass + 1) * count) / passes)];
        if (from < to) yield* share(from, to);
      }
    },
  };
}
