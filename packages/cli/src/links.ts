/**
 * The project's repository. package.json `repository`/`homepage`/`bugs`, the package READMEs and
 * the help pages all name this URL (test/package/metadata.test.ts checks they agree).
 */
export const REPOSITORY_URL = "https://github.com/personas-dev/persona";

/**
 * A page of the repository's `docs/` folder as an absolute URL: help pages are read wherever the
 * CLI is installed, where a relative `docs/cli.md` leads nowhere.
 */
export function docsUrl(page: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/${page}`;
}
