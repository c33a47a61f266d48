/**
 * "Did you mean": the expected form nearest to a misspelt value — an id, or its Japanese label when `labelOf`
 * gives one (高度な基板要件 → 高度な基盤要件) — when it is near enough to be a typo.
 */
export function closestForm(value: unknown, expected: readonly string[], labelOf?: (id: string) => string | undefined): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const typed = String(value).normalize('NFKC').toLowerCase();
  let best: { form: string; distance: number } | undefined;
  for (const id of expected) {
    for (const form of [id, labelOf?.(id)]) {
      if (form === undefined) continue;
      const distance = editDistance(typed, form.normalize('NFKC').toLowerCase());
      if (!best || distance < best.distance) best = { form, distance };
    }
  }
  return best && best.distance > 0 && best.distance <= Math.max(1, Math.floor(best.form.length / 4)) ? best.form : undefined;
}

/**
 * Edit distance for "did you mean": insertions, deletions, substitutions and swaps of two neighbours (`tilte`
 * is one edit from `title`), short strings only (far lengths are not compared).
 */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
