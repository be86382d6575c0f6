import pkg from "../package.json" with { type: "json" };

/** The CLI's version, read from its package.json at build time. */
export const VERSION: string = pkg.version;
