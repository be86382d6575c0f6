// Gemini CLI's own loaders, run by gemini.ts in the sandbox: `node gemini-loader.mjs <bundle> <root>`
// with `<root>` as the working folder. Prints one JSON object: the agents and load errors of
// `loadAgentsFromDirectory(<root>/.gemini/agents)`, the commands the CLI's `FileCommandLoader`
// lists, and the feedback (skipped files) both emitted.
//
// @google/gemini-cli ships one bundle whose chunk file names are content hashes; the module that
// holds each loader is found the way the CLI itself reaches it: from `bundle/gemini.js` to the
// main module it imports, then along the `import { … } from "./chunk-….js"` lines to the chunk
// that provides the name. Importing that chunk gives the same instances the CLI uses.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const [bundle, root] = process.argv.slice(2);

/**
 * The chunk that `file` imports `name` from, and the name that chunk exports it under.
 * @param {string} file
 * @param {string} name
 * @returns {{ file: string, exported: string }}
 */
function provider(file, name) {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"(\.\/[^"]+)"/g)) {
    for (const specifier of match[1].split(",")) {
      const [exported, local = exported] = specifier.trim().split(/\s+as\s+/);
      if (local === name) return { file: join(dirname(file), match[2]), exported };
    }
  }
  throw new Error(`${file} imports no ${name}`);
}

const entry = /import\("\.\/(gemini-[A-Za-z0-9]+\.js)"\)/.exec(readFileSync(join(bundle, "gemini.js"), "utf8"));
if (!entry) throw new Error(`${bundle}/gemini.js imports no main module`);
const commandsAt = provider(join(bundle, entry[1]), "FileCommandLoader");
const coreAt = provider(commandsAt.file, "coreEvents");
const cli = await import(pathToFileURL(commandsAt.file).href);
const core = await import(pathToFileURL(coreAt.file).href);
if (typeof core.loadAgentsFromDirectory !== "function")
  throw new Error(`${coreAt.file} has no loadAgentsFromDirectory`);

const feedback = [];
// The loaders report skipped files as "user-feedback" events (queued until someone listens).
core[coreAt.exported].on("user-feedback", (payload) => {
  const detail = typeof payload.error === "string" ? payload.error : JSON.stringify(payload.error);
  feedback.push({ severity: payload.severity, message: `${payload.message} ${detail ?? ""}`.trim() });
});

const loaded = await core.loadAgentsFromDirectory(join(root, ".gemini", "agents"));
// No config: the loader then reads the working folder's .gemini/commands, as in a trusted folder.
const loader = new cli[commandsAt.exported](null);
const commands = await loader.loadCommands(new AbortController().signal);

console.log(
  JSON.stringify({
    agents: loaded.agents.map((a) => ({ name: a.name, description: a.description, file: a.metadata?.filePath })),
    errors: loaded.errors.map((e) => ({ file: e.filePath, message: e.message })),
    commands: commands.map((c) => ({ name: c.name, description: c.description })),
    feedback,
  }),
);
