/**
 * The instructor's collection: every learner's notebooks, fetched through
 * their server's contents API into nbgrader's layout,
 * `submitted/<learner>/<notebook>.ipynb`, ready for the gradebook.
 *
 * It goes through the hub rather than the disk so that it works the same
 * where there is no shared disk (KubeSpawner, one volume per learner). A
 * learner whose server is stopped has it started for the collection and
 * stopped again afterwards.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { nonEmptyString } from "../../src/internal/errors";
import { parseNotebook, writeNotebookAtomic } from "../../src/runner/notebook";
import { checkUserName, type HubClient } from "./hub";

/** The learners' folder on their servers, made on first login by jupyterhub_config.py. */
export const LEARNER_FOLDER = "tradeoff-lab";

/** What {@link collectNotebooks} wrote. */
export interface Collected {
  readonly learner: string;
  readonly notebooks: readonly string[];
  /** Absolute paths written. */
  readonly paths: readonly string[];
}

interface ContentsEntry {
  readonly name: string;
  readonly type: string;
  readonly path: string;
}

/** Options of {@link collectNotebooks}. */
export interface CollectOptions {
  /** Learners to collect; default every hub user. */
  readonly learners?: readonly string[];
  /** Notebook file names to collect (an assignment, in nbgrader's words); default all. */
  readonly notebooks?: readonly string[];
}

/**
 * Collects every learner's notebooks into `<outDir>/<learner>/<notebook>.ipynb`.
 * @throws Error naming the learner and the server's answer when a notebook cannot be read
 */
export async function collectNotebooks(hub: HubClient, outDir: string, options: CollectOptions = {}): Promise<Collected[]> {
  nonEmptyString("hub.collectNotebooks", "outDir", outDir);
  const names = options.learners ?? (await hub.users()).map((u) => u.name);
  const wanted = options.notebooks === undefined ? undefined : new Set(options.notebooks);
  const out: Collected[] = [];
  for (const learner of names) {
    checkUserName(learner);
    const running = (await hub.users()).find((u) => u.name === learner)?.servers?.[""]?.ready === true;
    if (!running) await hub.startServer(learner);
    try {
      const base = `/user/${encodeURIComponent(learner)}/api/contents`;
      const listing = await hub.request("GET", `${base}/${LEARNER_FOLDER}?content=1`);
      if (listing.status !== 200) throw new Error(`hub.collectNotebooks: ${learner}: listing ${LEARNER_FOLDER}/ gave ${listing.status} ${listing.text.slice(0, 200)}`);
      const entries = ((listing.body as { content?: ContentsEntry[] }).content ?? []).filter((e) => e.type === "notebook" && !/\.(executed|nbconvert)\.ipynb$/.test(e.name) && (wanted === undefined || wanted.has(e.name)));
      const folder = join(outDir, learner);
      mkdirSync(folder, { recursive: true });
      const paths: string[] = [];
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const file = await hub.request("GET", `${base}/${entry.path.split("/").map(encodeURIComponent).join("/")}?content=1&type=notebook`);
        const content = (file.body as { content?: unknown } | undefined)?.content;
        if (file.status !== 200 || typeof content !== "object" || content === null) {
          throw new Error(`hub.collectNotebooks: ${learner}: reading ${entry.path} gave ${file.status} ${file.text.slice(0, 200)}`);
        }
        const path = join(folder, entry.name);
        writeNotebookAtomic(path, parseNotebook(content, `${learner}/${entry.path}`));
        paths.push(path);
      }
      out.push({ learner, notebooks: entries.map((e) => e.name), paths });
    } finally {
      if (!running) await hub.stopServer(learner);
    }
  }
  return out;
}
