import pkg from "../package.json" with { type: "json" };

/** The CLI's version, read from its package.json at build time. */
export const VERSION: string = pkg.version;

declare const __PERSONA_CODE_ID__: string | undefined;

/**
 * A fingerprint of the code that made this build of the CLI (sources and default templates),
 * defined at build time; "source" when running from source (tests). Part of every build key.
 */
export const CODE_ID: string = typeof __PERSONA_CODE_ID__ === "string" ? __PERSONA_CODE_ID__ : "source";
