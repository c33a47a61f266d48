/**
 * Writes `n` seeded synthetic candidates as HR tables (CSV) into `folder`, varied as a real company's export is.
 * `options.people`: also a people table (people.csv) with departments.
 */
export function generateDiverseExport(n: number, folder: string, seed?: number, options?: { people?: boolean }): void;
