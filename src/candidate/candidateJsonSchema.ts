import * as z from 'zod/mini';
import { candidateSchemaFor } from './candidateSchema.js';
import type { Standard } from '../standard/loadStandard.js';

/** The parts of a generated JSON Schema node this file reads or annotates. */
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  [keyword: string]: unknown;
}

/**
 * JSON Schema (draft 2020-12) of the candidate file for one standard, for editors
 * (`# yaml-language-server: $schema=…`). Enumerated fields list the standard's ids as suggestions;
 * labels are accepted too, so they are `examples`, not a closed `enum`.
 */
export function candidateJsonSchema(standard: Standard): Record<string, unknown> {
  const schema = z.toJSONSchema(candidateSchemaFor(standard), { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as SchemaNode;
  const ids = <T extends { id: string }>(items: T[]) => items.map((i) => i.id);
  const allOf = (pick: (s: Standard['specialties'][number]) => { id: string }[]) => [...new Set(standard.specialties.flatMap((s) => ids(pick(s))))];
  const hint = (node: SchemaNode | undefined, values: string[], description: string) => {
    if (!node) return;
    node.description = description;
    node.examples = values;
  };
  const props = schema.properties ?? {};
  const engagement = props.engagements?.items?.properties;
  hint(engagement?.specialty, ids(standard.specialties), 'Specialty id or Japanese label (専門分野)');
  hint(engagement?.role, ids(standard.scales.role), 'Role id or label (役割)');
  hint(engagement?.complexity, allOf((s) => s.complexity), "Complexity conditions of the engagement's specialty (複雑性)");
  hint(engagement?.activities, allOf((s) => s.activities), "Activities and experiences of the engagement's specialty");
  hint(engagement?.from, ['2019-04', '2019-04-01', '2019/4', '2019年4月'], 'Start date');
  hint(engagement?.to, ['2022-03', '2022-03-31'], 'End date (inclusive); omit while ongoing');
  hint(engagement?.outcome, ['success', 'failed'], 'Outcome (成功裡 or not); default success');
  // Size fields are checked as numbers or texts of a quantity (`4.2億円`); the generator cannot tell.
  for (const field of standard.sizeFields) {
    const node = engagement?.size?.properties?.[field.id];
    if (node) Object.assign(node, { type: ['number', 'string'], description: field.label.ja });
  }
  const expertise = props.expertise?.items?.properties;
  hint(expertise?.areas, allOf((s) => s.areas), "Areas of the specialty (専門性の領域)");
  hint(expertise?.depth, ids(standard.scales.depth), 'Depth (独力で実践 … 業界をリード)');
  hint(expertise?.specialty, ids(standard.specialties), 'Specialty id or Japanese label');
  hint(props.knowledgeTransfer?.items?.properties?.kind, ids(standard.scales.knowledgeTransfer), 'Kind of knowledge transfer (技術の継承)');
  hint(props.exams?.items?.properties?.exam, ids(standard.scales.exams), 'Exam code or name (情報処理技術者試験)');
  schema.title = 'itss candidate file (itss-candidate/v1)';
  schema.$id = 'https://itss.invalid/schema/itss-candidate-v1.json';
  return schema;
}
