/**
 * The command that runs npm with `args`: npm's own CLI under node when the
 * tests run under `npm test` (`npm_execpath`), else the npm on PATH.
 * @example spawnSync(...npmCommand(["pack", "--dry-run"]))
 */
export function npmCommand(args: readonly string[]): [string, string[]] {
  const npm = process.env.npm_execpath;
  return npm ? [process.execPath, [npm, ...args]] : ["npm", [...args]];
}
