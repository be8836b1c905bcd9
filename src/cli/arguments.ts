/**
 * What the `run` and `export` commands share: the usage error, reading
 * `--params-file`, parsing `-p name=value` and converting each value to the
 * type a notebook declares. Listing a folder's notebooks is the runner's
 * `listNotebooks` (the export stage uses it too).
 */
import { readFileSync } from "node:fs";
import { parseCliValue, type NotebookParameter } from "../runner/parameters";

/** Bad usage: the command exits 2 and nothing ran. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Commander's collector for a repeatable option. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `-p` and `--params-file`, read but not yet converted to any notebook's types. */
export interface ParameterArguments {
  /** The `--params-file` object (values keep their JSON types). */
  readonly fromFile: Readonly<Record<string, unknown>>;
  /** Each `-p name=value`, in order; a later one wins. */
  readonly pairs: readonly { readonly name: string; readonly text: string }[];
}

/**
 * Reads `--params-file` and splits each `-p name=value`.
 * @param pairs the `-p` values as given
 * @param paramsFile the `--params-file` path, if given
 * @param command the command, for messages: `"tradeoff-lab run"`
 * @throws UsageError for a `-p` without `name=`, or a file that is not a JSON object
 * @example parameterArguments(["goal=Latency"], undefined, "tradeoff-lab run").pairs // => [{ name: "goal", text: "Latency" }]
 */
export function parameterArguments(pairs: readonly string[], paramsFile: string | undefined, command: string): ParameterArguments {
  const split = pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`${command}: -p must be name=value, got ${JSON.stringify(pair)}`);
    return { name: pair.slice(0, eq), text: pair.slice(eq + 1) };
  });
  return { fromFile: paramsFile === undefined ? {} : readParamsFile(paramsFile, command), pairs: split };
}

function readParamsFile(file: string, command: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`${command}: --params-file ${file} must be a JSON object: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new UsageError(`${command}: --params-file ${file} must hold a JSON object`);
  }
  return json as Record<string, unknown>;
}

/**
 * The parameter values for notebooks declaring `declared`: the params file,
 * then each `-p` converted to its declared type (`-p` wins). A name nobody
 * declares keeps its text; the runner's validation reports it with the
 * known names.
 * @throws ParameterError when a `-p` value is not of its declared type
 * @example typedParameters(args, notebookParameters(nb), "tradeoff-lab run") // => { goal: "Latency", sweepMaxWeight: 5 }
 */
export function typedParameters(args: ParameterArguments, declared: readonly NotebookParameter[], command: string): Record<string, unknown> {
  const values: Record<string, unknown> = { ...args.fromFile };
  for (const { name, text } of args.pairs) {
    const p = declared.find((d) => d.name === name);
    // A data property: `values["__proto__"] = "1"` would be dropped by the prototype setter.
    Object.defineProperty(values, name, { value: p ? parseCliValue(p, text, command) : text, enumerable: true, writable: true, configurable: true });
  }
  return values;
}
