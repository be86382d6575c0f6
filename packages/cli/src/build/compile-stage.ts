// What a build loads only when something must be parsed, composed or compiled: the compiler (its
// targets, Handlebars, the option schemas) and composition. A build whose outputs are all current
// never imports this module (see pipeline.ts), so it loads none of that code.
export { createCompiler, isComposed, targets } from "@personas/core";
export { ProjectComposition } from "../project/compose.js";
