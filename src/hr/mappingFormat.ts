/**
 * The mapping file's format (`itss-mapping/v1`), apart from its loader: a file is told to be a mapping by it
 * without building the schema that checks one (loadMapping), which a run without `--map` never needs.
 */
export const MAPPING_FORMAT = 'itss-mapping/v1';
