/**
 * Writes a synthetic per-minute SLI series (good and total request counts)
 * as CSV, from `slo.syntheticSeries` in the library. See data/sli-series.md.
 *
 *   npx tsx scripts/generate-sli-series.ts --seed 2025 --days 365 --out sli-series.csv
 *
 * The same seed and options always write the same file. Columns: minute
 * (0-based), good, total. The injected incidents go to `<out>.incidents.json`
 * when --out is given, else to stderr.
 */
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { slo } from "../src";

const program = new Command()
  .name("generate-sli-series")
  .description("Write a synthetic per-minute SLI series (minute,good,total) as CSV")
  .option("--seed <integer>", "PRNG seed", "2025")
  .option("--days <integer>", "length in days (365 = 525,600 minutes)", "365")
  .option("--requests-per-minute <number>", "mean requests per minute", "1000")
  .option("--base-error-ratio <number>", "time-averaged background error ratio", "0.0002")
  .option("--incidents-per-year <number>", "mean random incidents per 365 days", "12")
  .option("--out <path>", "output CSV file (default: stdout)")
  .parse();

const opts = program.opts<{ seed: string; days: string; requestsPerMinute: string; baseErrorRatio: string; incidentsPerYear: string; out?: string }>();
const series = slo.syntheticSeries({
  seed: Number(opts.seed),
  days: Number(opts.days),
  requestsPerMinute: Number(opts.requestsPerMinute),
  baseErrorRatio: Number(opts.baseErrorRatio),
  incidentsPerYear: Number(opts.incidentsPerYear),
});
const lines = ["minute,good,total"];
for (let t = 0; t < series.total.length; t++) lines.push(`${t},${series.good[t]},${series.total[t]}`);
const csv = `${lines.join("\n")}\n`;
const incidents = JSON.stringify({ seed: series.seed, days: series.days, incidents: series.incidents }, null, 2);
if (opts.out === undefined) {
  process.stdout.write(csv);
  process.stderr.write(`${incidents}\n`);
} else {
  writeFileSync(opts.out, csv);
  writeFileSync(`${opts.out}.incidents.json`, `${incidents}\n`);
  console.error(`wrote ${series.total.length} minutes to ${opts.out} and ${series.incidents.length} incidents to ${opts.out}.incidents.json`);
}
