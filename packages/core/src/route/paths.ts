import picomatch from "picomatch";

/** Normalises a path or glob for matching: POSIX separators, no leading `./`. */
export function normalisePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
}

/** A persona's file glob, compiled once. */
export interface FileGlob {
  glob: string;
  isMatch: (path: string) => boolean;
  /**
   * The literal start of the glob's file name (`Dockerfile` of `Dockerfile*`), when it has one: a
   * bare word of a request ("the Dockerfile") can only name a file such a glob matches. `*.sql` or
   * `**` cannot be named by a word without a dot or slash, and must not match every word of a request.
   */
  namePrefix?: string;
}

/** Compiles a persona glob; a glob picomatch cannot compile is left out (reporting it is the linter's job). */
export function compileGlob(glob: string): FileGlob | undefined {
  try {
    // A slash-less glob like `*.sql` gets its gitignore meaning (any depth) by prefixing `**/`;
    // picomatch's own `basename` option stops `**/api/**` from matching at all (4.0.7).
    const pattern = normalisePath(glob);
    // `windows: false` keeps matching identical on every OS (paths are normalised first); `dot` lets
    // `**/api/**` see `.config/api/x`.
    const full = pattern.includes("/") ? pattern : `**/${pattern}`;
    // The matcher `picomatch()` returns is this regular expression plus bookkeeping that costs 20×
    // the test itself (picomatch 4.0.3); with the options here it adds only the literal comparison.
    const re = picomatch.makeRe(full, { dot: true, windows: false });
    const isMatch = (path: string) => path !== "" && (path === full || re.test(path));
    const namePrefix = /^[\p{L}\p{N}_.-]+/u.exec(pattern.slice(pattern.lastIndexOf("/") + 1))?.[0];
    return namePrefix ? { glob, isMatch, namePrefix } : { glob, isMatch };
  } catch {
    return undefined;
  }
}

/** A path written in a request: as normalised for matching, where it starts, and whether it is a bare word. */
export interface PathMention {
  path: string;
  offset: number;
  /** Length of the path as written (before normalising). */
  length: number;
  /** No `/`, `.` or `*`: a word like "Dockerfile", matched only by globs whose file name it starts with. */
  bare: boolean;
}

// What surrounds a path in prose: quotes, backticks, brackets, and sentence punctuation after it.
const LEADING = /^[([{<"'`]+/u;
const TRAILING = /[)\]}>"'`,;:!?.]+$/u;

/**
 * The paths, file names and globs a request writes (`src/api/orders.ts`, `Dockerfile`, `*.sql`,
 * `k8s/deploy.yaml`): each whitespace-separated chunk without its surrounding quotes, brackets and
 * punctuation. URLs are not paths. A chunk with `/`, `.` or `*` in it is a path; any other word is a
 * bare candidate that only a glob whose file name begins with it (`Dockerfile*`) can match.
 */
export function pathsInText(request: string): PathMention[] {
  const mentions: PathMention[] = [];
  for (const m of request.matchAll(/\S+/gu)) {
    const lead = LEADING.exec(m[0])?.[0].length ?? 0;
    const chunk = m[0].slice(lead).replace(TRAILING, "");
    if (chunk === "" || chunk.includes("://") || !/[\p{L}\p{N}]/u.test(chunk)) continue;
    const path = normalisePath(chunk);
    if (path === "") continue;
    mentions.push({ path, offset: m.index + lead, length: chunk.length, bare: !/[/.*]/.test(chunk) });
  }
  return mentions;
}
