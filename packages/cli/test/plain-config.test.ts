import { describe, expect, it } from "vitest";
import { plainConfig } from "../src/config/plain.js";
import { ConfigSchema } from "../src/config/schema.js";

// `plainConfig` lets a build skip loading zod for the configs most projects have. It may say
// "not sure" (undefined) for anything; whatever it accepts the schema must accept, as the same
// config.
const samples: unknown[] = [
  {},
  { out: "." },
  { out: "out", personas: "agents" },
  { $schema: "./node_modules/@personas/cli/dist/persona.config.schema.json", out: "." },
  { targets: ["claude", "cursor"] },
  { targets: [] },
  { templates: "templates", cacheDir: ".cache/persona" },
  { maxFileBytes: 2048 },
  // Not plain: each is the schema's to check (and some it refuses).
  { out: "" },
  { out: 1 },
  { targets: ["claude", "nope"] },
  { targets: "claude" },
  { maxFileBytes: 0 },
  { maxFileBytes: 1.5 },
  { maxFileBytes: Number.MAX_SAFE_INTEGER + 2 },
  { idPrefix: "sc-" },
  { outputs: { cursor: "web" } },
  { vars: { team: "core" } },
  { mcpServers: { Context7: "context7" } },
  { unknown: true },
  { $schema: 3 },
  [],
  null,
  "out",
];

describe("plainConfig", () => {
  it.each(samples.map((s) => [JSON.stringify(s), s]))("%s: accepted only as the schema accepts it", (_, sample) => {
    const plain = plainConfig(sample);
    if (plain === undefined) return;
    const checked = ConfigSchema.safeParse(sample);
    expect(checked.success).toBe(true);
    expect(plain).toEqual(checked.data);
  });

  it("accepts the plain configs and leaves the rest to the schema", () => {
    const accepted = samples.filter((s) => plainConfig(s) !== undefined);
    expect(accepted).toEqual(samples.slice(0, 8));
  });
});
