/**
 * `npm run notebooks`: writes the learner notebooks in notebooks/ from their
 * sources in workbook/ (solutions stripped, no outputs).
 * `npm run notebooks -- --check` only reports drift and exits 1 if any.
 * `npm run notebooks -- --instructor DIR` also writes the solution copies to DIR.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { packageVersion } from "../src/cli/io";
import { learnerFile, notebookDirectory, readSources } from "../src/notebookSources/files";
import { buildNotebook } from "../src/notebookSources/source";
import { writeNotebookAtomic } from "../src/runner/notebook";

const program = new Command("notebooks")
  .description("Generate the learner notebooks in notebooks/ from workbook/*.ts")
  .version(packageVersion(), "-V, --version", "print the tradeoff-lab version")
  .option("--check", "report notebooks that differ from their source; write nothing")
  .option("--instructor <dir>", "also write the instructor copies (with solutions) into <dir>")
  .parse();
const options = program.opts<{ check?: boolean; instructor?: string }>();

const sources = readSources();
let drift = 0;
for (const source of sources) {
  const { path, text } = learnerFile(source);
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (current === text) continue;
  drift++;
  if (options.check) console.error(`drift: ${path} differs from workbook/${source.slug}.ts (run npm run notebooks)`);
  else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
const known = new Set(sources.map((s) => `${s.slug}.ipynb`));
for (const file of readdirSync(notebookDirectory).filter((f) => f.endsWith(".ipynb") && !known.has(f))) {
  drift++;
  console.error(`orphan: notebooks/${file} has no source in workbook/`);
}
if (options.instructor) {
  mkdirSync(options.instructor, { recursive: true });
  for (const source of sources) writeNotebookAtomic(join(options.instructor, `${source.slug}.ipynb`), buildNotebook(source, "solution"));
  console.log(`wrote ${sources.length} instructor notebooks to ${options.instructor}`);
}
if (options.check && drift > 0) process.exitCode = 1;
else if (options.check) console.log(`${sources.length} notebooks match their sources`);
