/**
 * `npm run hub`: a local JupyterHub for trying the class setup, and the
 * instructor's collection.
 *
 *     npm run hub                                   # a hub on 127.0.0.1 with three test learners
 *     npm run hub -- --learners 5 --port 8000
 *     npm run hub -- collect --out submitted        # every learner's notebooks → submitted/<learner>/
 *     npx tradeoff-lab grade submitted --out gradebook.csv --jobs 2
 *
 * The local hub logs everyone in with one random password
 * (DummyAuthenticator) and runs every server as your own Unix user
 * (SimpleLocalProcessSpawner): it is for trying the setup, never for a
 * class. README's "A class on JupyterHub" shows the real deployment.
 * The instructor's token is written to `.hub-data/instructor-token` (0600),
 * never printed or put on a command line; `collect` reads it from there or
 * from `TRADEOFF_HUB_TOKEN`.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { PROJECT_ROOT } from "../jupyter";
import { collectNotebooks } from "./collect";
import { hubClient, startHub, type SpawnerKind } from "./hub";

const STATE = join(PROJECT_ROOT, ".hub-data");
const TOKEN_FILE = join(STATE, "instructor-token");
const URL_FILE = join(STATE, "url");
const LOG_FILE = join(STATE, "jupyterhub.log");

function positiveInt(max: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidArgumentError(`must be an integer in [1, ${max}], got ${JSON.stringify(text)}`);
    return value;
  };
}

async function serve(options: { learners: number; port?: number; spawner: SpawnerKind }): Promise<void> {
  mkdirSync(STATE, { recursive: true, mode: 0o700 });
  console.log("tradeoff-lab hub: FOR TRYING THE SETUP ONLY — one shared password, every server runs as your Unix user, no isolation between learners.");
  const hub = await startHub({ stateDir: STATE, spawner: options.spawner, onLog: (line) => appendFileSync(LOG_FILE, `${line}\n`), ...(options.port === undefined ? {} : { port: options.port }) });
  writeFileSync(TOKEN_FILE, `${hub.token}\n`, { mode: 0o600 });
  writeFileSync(URL_FILE, `${hub.url}\n`, { mode: 0o600 });
  const names = Array.from({ length: options.learners }, (_, i) => `learner${i + 1}`);
  const existing = new Set((await hub.users()).map((u) => u.name));
  const missing = names.filter((n) => !existing.has(n));
  if (missing.length > 0) await hub.createUsers(missing);
  console.log(`tradeoff-lab hub: ready at ${hub.url}/hub/login (log: ${LOG_FILE})`);
  console.log(`tradeoff-lab hub: learners ${names.join(", ")}; password ${hub.password}`);
  console.log("tradeoff-lab hub: collect their notebooks with `npm run hub -- collect --out submitted`; press Ctrl-C to stop");
  await new Promise<void>((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      console.log("tradeoff-lab hub: stopping");
      void hub.stop().then(done);
    };
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, stop);
  });
}

async function collect(options: { out: string; url?: string; notebook?: string[] }): Promise<void> {
  const token = process.env.TRADEOFF_HUB_TOKEN || readFileSync(TOKEN_FILE, "utf8").trim();
  const url = options.url ?? readFileSync(URL_FILE, "utf8").trim();
  const collected = await collectNotebooks(hubClient(url, token), resolve(options.out), options.notebook === undefined ? {} : { notebooks: options.notebook });
  for (const c of collected) console.log(`${c.learner}: ${c.notebooks.length} notebooks → ${join(options.out, c.learner)}`);
}

async function main(): Promise<void> {
  const program = new Command("hub").description("A local JupyterHub for trying the class setup (not for production)");
  program
    .option("--learners <n>", "test learners to create", positiveInt(50), 3)
    .option("--port <n>", "port on 127.0.0.1 (default: the first free from 8000)", positiveInt(65535))
    .option("--spawner <kind>", "simple (one Unix user) or local-users (root; learners must be Unix users)", "simple")
    .action(async (opts: { learners: number; port?: number; spawner: string }) => {
      if (opts.spawner !== "simple" && opts.spawner !== "local-users") throw new InvalidArgumentError(`--spawner must be "simple" or "local-users", got ${JSON.stringify(opts.spawner)}`);
      await serve({ learners: opts.learners, spawner: opts.spawner, ...(opts.port === undefined ? {} : { port: opts.port }) });
    });
  program
    .command("collect")
    .description("copy every learner's notebooks into <out>/<learner>/<notebook>.ipynb (nbgrader's submitted/ layout)")
    .requiredOption("--out <dir>", "where to write")
    .option("--url <url>", "the hub (default: the one `npm run hub` started)")
    .option("--notebook <name...>", "only these notebook files (an assignment), e.g. 04-quorums-and-staleness.ipynb")
    .action(async (opts: { out: string; url?: string; notebook?: string[] }) => collect(opts));
  await program.parseAsync();
}

main().catch((error: unknown) => {
  console.error(`tradeoff-lab hub: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
