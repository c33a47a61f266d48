/** Numbers (rows) as ranges, as a person reads them: 5, 8–10; `-` when there are none. */
export function numberRanges(numbers: readonly number[]): string {
  if (numbers.length === 0) return '-';
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}
