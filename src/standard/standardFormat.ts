/**
 * The standard file's format (`itss-standard/v1`), apart from the schema that checks one (standardSchema): a file is
 * told to be a standard by it, and a run with the built-in standard (precompiled) never builds that schema.
 */
export const STANDARD_FORMAT = 'itss-standard/v1';
