// The parser, loaded by `parseEach` when the first file needs parsing: a build whose outputs are
// current parses nothing, and then never loads unified, remark or the persona schema.
export { parsePersonas } from "@personas/core";
