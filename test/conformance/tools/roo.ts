// Roo Code's own `.roomodes` schema, offline (TARGETS.md §8): `customModesSettingsSchema` from
// @roo-code/types on the parsed YAML, as the extension's CustomModesManager does. One bad mode
// rejects the whole file (every mode, the user's own too); slugs are `^[a-zA-Z0-9-]+$` and unique;
// groups are read/edit/command/mcp/modes; unknown keys are stripped silently.
// https://docs.roocode.com/features/custom-modes
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import { packageModule } from "../install.js";
import { runLoaderScript } from "../node-loader.js";
import { copyRoot } from "../project.js";
import type { Breakage, ConformanceTool, Finding, ToolPackage } from "../tool.js";

const TYPES: ToolPackage = { name: "@roo-code/types", version: "1.115.0" };
// Roo Code parses with `yaml` 2; pinned here to the version this repository uses.
const YAML: ToolPackage = { name: "yaml", version: "2.9.1" };
const FILE = ".roomodes";
const VIA = "customModesSettingsSchema";

/** The `customModes` entries persona wrote: those between its `# persona:begin` and `# persona:end` lines. */
function personaModes(text: string): { document: Document; modes: YAMLMap[] } {
  const document = parseDocument(text);
  const begin = /^\s*# persona:begin/m.exec(text)?.index ?? -1;
  const end = /^\s*# persona:end/m.exec(text)?.index ?? -1;
  const list = document.get("customModes");
  const items = isSeq(list) ? list.items.filter(isMap) : [];
  const modes = items.filter((item) => (item.range?.[0] ?? -1) > begin && (item.range?.[0] ?? -1) < end);
  return { document, modes };
}

interface LoadedMode {
  slug: string;
  groups?: unknown[];
  [key: string]: unknown;
}

/**
 * What Roo Code made of each of persona's modes: it must be loaded, and keep every key and group
 * written (the schema strips unknown keys and drops the deprecated `browser` group without a word).
 */
function modeFindings(written: YAMLMap, loaded: readonly LoadedMode[]): string | undefined {
  const entry = written.toJSON() as Record<string, unknown>;
  const slug = String(entry["slug"]);
  const mode = loaded.find((m) => m.slug === slug);
  if (mode === undefined) return `mode "${slug}" is not loaded: ${JSON.stringify(loaded.map((m) => m.slug))}`;
  const wrong: string[] = [];
  const dropped = Object.keys(entry).filter((key) => !(key in mode));
  if (dropped.length > 0) wrong.push(`loses ${JSON.stringify(dropped)}`);
  const groups = Array.isArray(entry["groups"]) ? entry["groups"] : [];
  if (groups.length !== (mode.groups?.length ?? 0)) {
    wrong.push(`has groups ${JSON.stringify(mode.groups)}, written ${JSON.stringify(groups)}`);
  }
  return wrong.length > 0 ? `mode "${slug}" ${wrong.join("; ")}` : undefined;
}

async function editModes(root: string, edit: (modes: YAMLMap[]) => void): Promise<string> {
  const { document, modes } = personaModes(await readFile(join(root, FILE), "utf8"));
  if (modes.length < 2) throw new Error(`${root}/${FILE} has fewer than two persona modes`);
  edit(modes);
  await writeFile(join(root, FILE), document.toString());
  return FILE;
}

function scalar(map: YAMLMap, key: string): string {
  const node = map.get(key, true);
  return isScalar(node) ? String(node.value) : "";
}

const breakages: Breakage[] = [
  {
    title: "a mode whose slug has a space",
    apply: (root) => editModes(root, ([mode]) => mode!.set("slug", `${scalar(mode!, "slug")} mode`)),
    expect: [{ via: /customModesSettingsSchema/, message: /slug: Slug must contain only letters numbers and dashes/ }],
  },
  {
    title: "a mode with a group Roo Code does not have",
    apply: (root) => editModes(root, ([mode]) => mode!.set("groups", ["read", "execute"])),
    expect: [{ via: /customModesSettingsSchema/, message: /groups\.1: Invalid input.*received 'execute'/ }],
  },
  {
    title: "two modes with one slug",
    apply: (root) => editModes(root, ([first, second]) => second!.set("slug", scalar(first!, "slug"))),
    expect: [{ via: /customModesSettingsSchema/, message: /customModes: Duplicate mode slugs are not allowed/ }],
  },
];

/** Roo Code: its schema accepts the whole `.roomodes` and keeps every mode persona wrote, as written. */
export const roo: ConformanceTool = {
  id: "roo",
  title: `Roo Code (${TYPES.name}@${TYPES.version})`,
  packages: [TYPES, YAML],
  async check(root, { sandbox }) {
    if (!existsSync(join(root, FILE))) return { checked: [], findings: [] };
    const copy = await copyRoot(root, "roo");
    try {
      const answer = await runLoaderScript<{ modes?: LoadedMode[]; errors?: string[] }>(
        sandbox,
        "roo-loader.mjs",
        [packageModule(TYPES), packageModule(YAML), join(copy, FILE)],
        copy,
      );
      if (!answer.ok)
        return { checked: [FILE], findings: [{ file: FILE, via: "roo-loader.mjs", message: answer.message }] };
      const findings: Finding[] = (answer.value.errors ?? []).map((message) => ({ file: FILE, via: VIA, message }));
      if (answer.value.modes) {
        const { modes } = personaModes(await readFile(join(copy, FILE), "utf8"));
        if (modes.length === 0) findings.push({ file: FILE, via: VIA, message: "no mode between the persona markers" });
        for (const written of modes) {
          const message = modeFindings(written, answer.value.modes);
          if (message) findings.push({ file: FILE, via: VIA, message });
        }
      }
      return { checked: [FILE], findings };
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
  breakages,
  // One file: a schema that fails on one mode never runs its duplicate-slug rule.
  isolateBreakages: true,
};
