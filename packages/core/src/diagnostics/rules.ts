/**
 * Every diagnostic rule id and its message wording, in one module (STYLE.md: "all message text in
 * one module"). Rule ids are `area/name`; docs/format.md (Diagnostics) and docs/cli.md list them for users.
 */
export const RULES = {
  fileNotUtf8: "file/not-utf8",
  fileTooLarge: "file/too-large",
  fileUnreadable: "file/unreadable",
  fileTooDeep: "file/too-deeply-nested",
  fileTooComplex: "file/too-complex",
  hiddenUnicode: "security/hidden-unicode",
  bidiMark: "security/bidi-mark",
  controlCharacter: "security/control-character",
  mojibake: "file/mojibake",
  frontmatterLanguage: "frontmatter/unsupported-language",
  frontmatterUnterminated: "frontmatter/unterminated",
  frontmatterNotFirst: "frontmatter/not-at-start",
  frontmatterSyntax: "frontmatter/yaml-syntax",
  frontmatterLenient: "frontmatter/lenient-yaml",
  frontmatterDuplicateKey: "frontmatter/duplicate-key",
  frontmatterNotMapping: "frontmatter/not-a-mapping",
  frontmatterAlias: "frontmatter/alias",
  frontmatterTag: "frontmatter/explicit-tag",
  frontmatterForbiddenKey: "frontmatter/forbidden-key",
  frontmatterUnknownKey: "frontmatter/unknown-key",
  frontmatterInvalidType: "frontmatter/invalid-type",
  frontmatterUnknownTarget: "frontmatter/unknown-target",
  frontmatterInvalidTargetOption: "frontmatter/invalid-target-option",
  idInvalid: "persona/invalid-id",
  idSlugified: "persona/slugified-name",
  nameNotFileName: "persona/name-not-file-name",
  idCollision: "persona/id-collision",
  flagEmpty: "persona/empty-flag",
  flagDuplicate: "persona/duplicate-flag",
  noDescription: "persona/no-description",
  scaffoldPlaceholder: "persona/scaffold-placeholder",
  bodyEmpty: "body/empty",
  bodyUnparsedBudget: "body/unknown-budget",
  templateError: "template/error",
  targetLimit: "target/limit-exceeded",
  targetInvalidName: "target/invalid-name",
  targetInvalidGlob: "target/invalid-glob",
  targetUnsupportedValue: "target/unsupported-value",
  targetManagedBlock: "target/managed-block",
  targetLeftOut: "target/left-out",
  outputHiddenUnicode: "output/hidden-unicode",
  composeParent: "compose/extends",
  composeInclude: "compose/include",
  varUndefined: "compose/undefined-variable",
  importFrontmatter: "import/frontmatter-read-leniently",
  importNothing: "import/no-persona",
  importLeftOver: "import/not-imported",
  importExists: "import/exists",
  importFlag: "import/flag-heading",
} as const;

export type RuleId = (typeof RULES)[keyof typeof RULES];

const CLOSERS: Record<string, string> = { "[": "]", "{": "}" };

/** Formats a code point the way diagnostics name it: `U+200B`. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

export const MESSAGES = {
  notUtf8: (byteOffset: number) => `File is not valid UTF-8 (byte offset ${byteOffset})`,
  tooLarge: (size: number, limit: number) => `File is ${size} bytes (limit ${limit})`,
  tooDeep: (depth: number, limit: number) => `Nesting depth ${depth} exceeds ${limit}`,
  unreadable: (reason: string) => `Cannot read file: ${reason}`,
  symlinkOutside: () => "Persona file is a symlink to a file outside the personas folder; not read",
  tooComplex: (ms: number) => `File too complex to parse within ${ms / 1000}s`,
  outOfMemory: (mb: number) => `File too complex to parse within ${mb} MB of memory`,
  hiddenRun: (count: number, kind: string, codePoints: string, decoded?: string) =>
    `${count} hidden ${kind} character${count === 1 ? "" : "s"} (${codePoints})` +
    (decoded === undefined ? "" : ` decoding to "${decoded}"`) +
    "; invisible characters can smuggle instructions into AI tools",
  bidiMark: (codePoint: string) => `Invisible direction mark ${codePoint}`,
  controlCharacter: (codePoint: string) => `Unexpected control character ${codePoint}`,
  mojibake: (text: string, intended: string, page: string) =>
    `Encoding damage: ${JSON.stringify(text)} looks like UTF-8 read as ${page}; it was probably ${JSON.stringify(intended)}. Fix it in the source (persona never rewrites it)`,
  frontmatterLanguage: (lang: string) =>
    `Unexpected \`---${lang}\` frontmatter, expected YAML frontmatter (\`---\`); persona never runs code`,
  frontmatterUnterminated: () => "Unterminated frontmatter: expected a closing `---` line",
  frontmatterDotsCloser: () =>
    "Unexpected `...` closing the frontmatter, expected `---`: Claude Code, Cursor and Copilot only read `---`",
  frontmatterNotFirst: () => "Unexpected blank line before `---`, expected frontmatter on the first line",
  lenientAlias: (key: string, value: string) =>
    `Unquoted \`*\` starting the \`${key}\` value: strict YAML reads it as an alias; read as the text ${JSON.stringify(value)} (quote the value to silence this)`,
  lenientColon: (key: string, value: string) =>
    `Unquoted \`: \` inside the \`${key}\` value: strict YAML reads it as a nested key; read as the text ${JSON.stringify(value)} (quote the value to silence this)`,
  unclosed: (opener: string, key: string) =>
    `Unclosed \`${opener}\` in the \`${key}\` value, expected a matching \`${CLOSERS[opener] ?? opener}\``,
  unresolvedAlias: () =>
    'Unexpected `*` starting a value: YAML reads it as an alias; quote the value (`"*.ts"`) to mean the text',
  notMapping: (kind: string) => `Unexpected ${kind} as frontmatter, expected a mapping of keys`,
  alias: () => "Unexpected YAML alias, expected plain values: aliases are not allowed in persona frontmatter",
  tag: (tag: string) => `Unexpected explicit YAML tag \`${tag}\`, expected a plain value`,
  forbiddenKey: (key: string) => `Unexpected key "${key}": it is reserved and never read`,
  unknownKey: (key: string, hint: { suggestion?: string; targetKeys?: readonly string[] }) =>
    `Unknown key \`${key}\`` +
    (hint.suggestion === undefined ? "" : ` (did you mean \`${hint.suggestion}\`?)`) +
    ": persona does not read it" +
    (hint.targetKeys === undefined || hint.targetKeys.length === 0
      ? ""
      : `; a target takes it as ${hint.targetKeys.map((k) => `\`${k}\``).join(" or ")}`) +
    `. To keep it as data, move it under \`meta:\` or name it \`x-${key}\``,
  noDescription: () =>
    "No `description`, and no first paragraph to take one from: Claude Code does not load an agent without one, and tools choose personas by it; add `description:` saying when to use this persona",
  scaffoldPlaceholder: (text: string) =>
    `Unexpected scaffold placeholder ${JSON.stringify(text)}, expected your own text (\`persona new\` left it to be filled in)`,
  unknownTarget: (name: string, valid: readonly string[]) =>
    `Unexpected target \`${name}\`, expected one of ${valid.map((v) => `\`${v}\``).join(", ")}`,
  idInvalid: (name: string, reason: string) =>
    `Unexpected name ${JSON.stringify(name)}: ${reason}; a persona name must match ^[a-z0-9]+(-[a-z0-9]+)*$ (at most 64 characters)`,
  idSlugified: (name: string, id: string) =>
    `Name ${JSON.stringify(name)} is not kebab-case, which tools refuse as an agent name; the id became \`${id}\` (file names, \`name:\` fields and prompt names use it): write \`name: ${id}\` to silence this`,
  idPrefixInvalid: (prefix: string, id: string, prefixed: string) =>
    `The config's \`idPrefix\` ${JSON.stringify(prefix)} makes \`${id}\` into \`${prefixed}\`, which is not a valid id (kebab-case, at most 64 characters)`,
  nameNotFileName: (id: string, file: string, stem: string) =>
    `Name \`${id}\` is not the file's (${JSON.stringify(file)}) and has more than the lowercase letters and hyphens Claude Code and Cursor document for agent names: the id is \`${id}\`, so the outputs are \`${id}\`, not \`${stem}\`; rename the file to \`${id}.md\`, or drop \`name:\` to use \`${stem}\`, to silence this`,
  idCollision: (id: string, paths: readonly string[]) =>
    `Persona id \`${id}\` is used by more than one file: ${paths.join(", ")}`,
  flagEmpty: (name: string) =>
    `Persona flag \`--persona-${name}\` has nothing under it, expected the persona's text before the next heading of its level`,
  flagDuplicate: (id: string, line: number) =>
    `Persona flag for \`${id}\` appears twice in this file (first on line ${line}); each persona of a file needs its own id`,
  idFromStem: (stem: string) =>
    `Cannot derive an id from the file name ${JSON.stringify(stem)}; add a \`name:\` to the frontmatter`,
  // Targets (packages/core/src/targets): what a tool would reject, truncate or misread.
  targetLimit: (what: string, length: number, limit: number, effect: string) =>
    `${what} is ${length} characters (more than ${limit}): ${effect}`,
  targetName: (name: string, target: string, rule: string) =>
    `Unexpected ${target} name ${JSON.stringify(name)}, expected ${rule}; the file would be skipped by the tool`,
  targetGlob: (glob: string, reason: string) => `Unexpected glob ${JSON.stringify(glob)}: ${reason}`,
  targetByteLimit: (what: string, bytes: number, limit: number, effect: string) =>
    `${what} is ${bytes} bytes (more than ${limit}): ${effect}`,
  targetLineLimit: (what: string, lines: number, limit: number, effect: string) =>
    `${what} is ${lines} lines (more than ${limit}): ${effect}`,
  claudeModel: (model: string) =>
    `Unexpected Claude model \`${model}\`, expected sonnet, opus, haiku, fable, inherit or a claude-* model id; left out (set \`targets.claude.model\` to force it)`,
  claudeTools: (tools: readonly string[]) =>
    `None of the tools ${tools.map((t) => `\`${t}\``).join(", ")} looks like a Claude Code tool (Read, Bash, mcp__…); Claude Code may refuse to launch the agent`,
  managedBlock: (problem: string) =>
    `Cannot merge persona's block into this file: ${problem}; fix it by hand (persona never guesses with your text)`,
  missingPromptArgument: (name: string) => `Missing required argument \`${name}\``,
  leftOut: (what: string, values: readonly string[], tool: string, why: string) =>
    `Left out of the ${tool} file: ${what} ${values.map((v) => `\`${v}\``).join(", ")} (${why})`,
  // Composition (packages/core/src/compose): `extends:`, `include:` and install-time variables.
  extendsMissing: (id: string, via: string | undefined) =>
    via === undefined
      ? `Cannot extend \`${id}\`: no persona has that id`
      : `Cannot extend \`${via}\`: it extends \`${id}\`, and no persona has that id`,
  extendsInvalid: (id: string) => `Cannot extend \`${id}\`: its file has errors (reported there)`,
  extendsCycle: (ids: readonly string[]) => `\`extends\` goes round in a cycle: ${ids.join(" → ")}`,
  includeOutside: (path: string) =>
    `Cannot include ${JSON.stringify(path)}: it is outside the project (a fragment's path is relative to the file that includes it)`,
  includeSelf: (path: string) => `Cannot include ${JSON.stringify(path)}: it includes itself`,
  includeUnreadable: (path: string, problem: string) => `Cannot include ${JSON.stringify(path)}: ${problem}`,
  fragmentExtends: () => "A fragment cannot `extends:` a persona; only personas extend",
  varUndefined: (name: string, known: readonly string[]) =>
    `Undefined variable \`{{${name}}}\`: the config's \`vars\` has no \`${name}\`` +
    (known.length === 0 ? "" : ` (it has ${known.map((k) => `\`${k}\``).join(", ")})`) +
    "; write `\\{{" +
    name +
    "}}` to keep the braces",
  // Import (packages/core/src/import): reading other tools' files.
  importUnterminated: (line: number) =>
    `Frontmatter opened with \`---\` is never closed; read its \`key: value\` lines up to line ${line} and the rest as the body`,
  importNotYaml: (problem: string) =>
    `Frontmatter is not valid YAML (${problem}); read line by line, each value as the text written`,
  importIndented: (width: number) =>
    `The whole file is indented by ${width} characters, so markdown tools read it as a code block and see no frontmatter; read it dedented`,
  importFlagEmpty: (id: string) => `The flag heading of \`${id}\` has nothing under it; nothing imported for it`,
  importFlagTwice: (id: string) =>
    `A second flag heading for \`${id}\` in this file; only the first is imported (rename or remove one)`,
  importExists: (id: string, path: string, why: string) =>
    `Not imported: \`${id}\` would go to ${path}, but ${why}; nothing was written for it (persona import never overwrites)`,
  importNothing: () => "Nothing to import: the file has neither a body nor frontmatter",
  importLeftOver: (titles: readonly string[]) =>
    `Sections that belong to no persona were not imported: ${titles.map((t) => JSON.stringify(t)).join(", ")}`,
} as const;
