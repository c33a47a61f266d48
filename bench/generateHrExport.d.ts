/** Writes `n` seeded synthetic candidates as HR tables (CSV) into `folder`. */
export function generateHrExport(n: number, folder: string, seed?: number): void;
