import { dirname, resolve } from "node:path";
import type { Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * Bundles zod with its English messages only. zod exports every language's messages (`z.locales`,
 * about 370 KB of the bundle's 2.7 MB) besides setting English itself; persona never switches
 * language, and every command pays for compiling the code it loads before it can start. The
 * `locales` namespace becomes the English module's (nothing in persona reads it).
 */
export function zodEnglishOnly(): Plugin {
  return {
    name: "zod-english-only",
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]v4[\\/]/.test(args.importer)
          ? { path: resolve(dirname(args.importer), "../locales/en.js") }
          : undefined,
      );
    },
  };
}
