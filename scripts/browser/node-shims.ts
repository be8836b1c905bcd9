/**
 * The few Node built-ins the library imports, for the browser build only.
 * Files come from the embedded data provider instead of `fs`; ids from
 * `crypto.getRandomValues`.
 */
export function readFileSync(path: string): never {
  throw new Error(`tradeoff-lab in the browser has no file system (asked for ${path}); only the shipped data files are embedded`);
}

export function join(...parts: string[]): string {
  return parts.filter((p) => p !== "").join("/").replace(/\/+/g, "/");
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : path.slice(0, i);
}

export function randomBytes(count: number): { toString(encoding: "hex"): string } {
  const bytes = new Uint8Array(count);
  globalThis.crypto.getRandomValues(bytes);
  return { toString: () => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("") };
}
