import type { Standard } from './loadStandard.js';

const cache = new WeakMap<Standard, ReadonlyMap<string, string>>();

/**
 * The Japanese label of every id the standard declares (the first list that declares it wins): shown beside
 * ids in Japanese messages, and offered as the "did you mean" of a misspelt label.
 */
export function japaneseLabels(standard: Standard): ReadonlyMap<string, string> {
  let labels = cache.get(standard);
  if (!labels) {
    const map = new Map<string, string>();
    const add = (items: readonly { id: string; label?: { ja: string } }[]) => {
      for (const item of items) if (item.label && !map.has(item.id)) map.set(item.id, item.label.ja);
    };
    add(standard.scales.role);
    add(standard.scales.depth);
    add(standard.scales.knowledgeTransfer);
    add(standard.scales.exams);
    add(standard.sizeFields);
    add(standard.specialties);
    for (const s of standard.specialties) {
      add(s.complexity);
      add(s.areas);
      add(s.activities);
    }
    labels = map;
    cache.set(standard, labels);
  }
  return labels;
}
