/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order and prints
 * its figures. A benchmark prints what it measured; it never fails a build.
 * Benchmarks load the built library (dist/, compiled by tsc), which is what
 * notebooks run; `npm run bench` builds it first. (Running src/ through
 * tsx's esbuild transform measured ~1.5× slower on the PBS loop.)
 * `npm run bench -- pbs` runs only the files whose name contains "pbs".
 * The entry is `bench/cli.js`, which registers tsx's CommonJS hook only
 * (see there why).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { cpus, totalmem } from "node:os";

interface BenchModule {
  run(): Promise<void> | void;
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? "";
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
    .sort();
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(`machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  for (const file of files) {
    console.log(`\n== ${file.replace(/\.bench\.ts$/, "")}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded through tsx's CommonJS hook (see bench/cli.js)
    const mod = require(join(__dirname, file)) as BenchModule;
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
