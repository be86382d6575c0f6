// The peers, installed in a bench-only folder (.bench/peers), never as project dependencies, and
// their inputs: the same personas in each peer's own source format.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PEERS = {
  ruler: { pkg: "@intellectronica/ruler@0.3.44", bin: "ruler" },
  rulesync: { pkg: "rulesync@17.0.0", bin: "rulesync" },
};

/** Installs the peers once; returns the bin paths of those that installed. */
export function installPeers(dir) {
  const bins = {};
  const binDir = join(dir, "node_modules", ".bin");
  const missing = Object.values(PEERS).filter((p) => !existsSync(join(binDir, p.bin)));
  if (missing.length > 0) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, "package.json"))) writeFileSync(join(dir, "package.json"), '{"private":true}\n');
    try {
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", ...missing.map((p) => p.pkg)], {
        cwd: dir,
        stdio: ["ignore", "ignore", "inherit"],
      });
    } catch {
      // A peer that cannot be installed is reported as missing, not fatal.
    }
  }
  for (const [name, p] of Object.entries(PEERS)) if (existsSync(join(binDir, p.bin))) bins[name] = join(binDir, p.bin);
  return bins;
}

function split(text) {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const fm = m ? m[1] : "";
  const get = (key) => new RegExp(`^${key}: (.*)$`, "m").exec(fm)?.[1] ?? "";
  return { name: get("name"), description: get("description"), body: text.slice(m ? m[0].length : 0) };
}

/** Writes a ruler project (.ruler/agents/*.md) and a rulesync project (.rulesync/subagents/*.md). */
export function writePeerCorpora(personasDir, rulerDir, rulesyncDir) {
  mkdirSync(join(rulerDir, ".ruler", "agents"), { recursive: true });
  mkdirSync(join(rulesyncDir, ".rulesync", "subagents"), { recursive: true });
  mkdirSync(join(rulerDir, ".git"), { recursive: true });
  mkdirSync(join(rulesyncDir, ".git"), { recursive: true });
  writeFileSync(join(rulerDir, ".ruler", "AGENTS.md"), "# Project rules\n");
  for (const file of readdirSync(personasDir).filter((f) => f.endsWith(".md"))) {
    const { name, description, body } = split(readFileSync(join(personasDir, file), "utf8"));
    writeFileSync(
      join(rulerDir, ".ruler", "agents", `${name}.md`),
      `---\nname: ${name}\ndescription: ${description}\n---\n${body}`,
    );
    writeFileSync(
      join(rulesyncDir, ".rulesync", "subagents", `${name}.md`),
      `---\ntargets: ["*"]\nname: ${name}\ndescription: ${description}\n---\n${body}`,
    );
  }
}
