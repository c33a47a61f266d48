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

/** Levenshtein distance, for "did you mean" (short strings only: far lengths are not compared). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
