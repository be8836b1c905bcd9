/**
 * Where the commands write, and the package version they print with
 * `--version`; replaceable in tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the CLI writes. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when progress bars may be drawn (a terminal, not CI). */
  isTTY: boolean;
}

/** stdout and stderr of this process. */
export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}

let version: string | undefined;

/**
 * This package's version, from its package.json (two folders up from both
 * `src/cli/` and `dist/cli/`), for `--version` on every command.
 * @example packageVersion() // => "0.1.0"
 */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
  return version;
}
