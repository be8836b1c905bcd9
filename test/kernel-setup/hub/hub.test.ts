/**
 * A class on a real JupyterHub (Debian's 3.0.0): three learners, each a Unix
 * user with a private home, their servers spawned by LocalProcessSpawner,
 * kernels driven through the REST and websocket API as a browser drives
 * them. Needs root (to switch users) and jupyterhub; under CI both are
 * required (.ci/run installs the package and runs as root).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectNotebooks, LEARNER_FOLDER } from "../../../kernel-setup/hub/collect";
import { gradebookCsv, gradeSubmissions } from "../../../src/grading/gradebook";
import { checkUserName, closedToOthers, createUnixUsers, servedCopy, findJupyterHub, removeUnixUsers, startHub, type Hub } from "../../../kernel-setup/hub/hub";
import { openKernel } from "../../../kernel-setup/hub/kernelSession";
import { portOpen } from "../../../kernel-setup/processes";
import { readSources } from "../../../src/notebookSources/files";
import { buildNotebook } from "../../../src/notebookSources/source";

const NOTEBOOK = "04-quorums-and-staleness.ipynb";
const canRun = findJupyterHub() !== undefined && process.getuid?.() === 0;

describe("closedToOthers (kernel-setup/hub)", () => {
  it("names the first folder on the way that other users cannot enter, with its mode, and nothing for /usr/bin", () => {
    assert.equal(closedToOthers("/usr/bin"), undefined);
    const outer = mkdtempSync(join(tmpdir(), "tradeoff-closed-"));
    try {
      const inner = join(outer, "checkout");
      mkdirSync(inner);
      chmodSync(outer, 0o700);
      assert.deepEqual(closedToOthers(inner), { path: outer, mode: 0o700 });
      chmodSync(outer, 0o711);
      assert.equal(closedToOthers(inner), undefined);
      chmodSync(inner, 0o750);
      assert.deepEqual(closedToOthers(inner), { path: inner, mode: 0o750 });
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  });
});

describe("servedCopy (kernel-setup/hub)", () => {
  /** A checkout behind a 0700 folder under `base`: dist/index.js and a node_modules self-link. */
  function privateCheckout(base: string): string {
    const from = join(base, "private", "checkout");
    mkdirSync(join(from, "dist"), { recursive: true });
    writeFileSync(join(from, "dist", "index.js"), "x");
    mkdirSync(join(from, "node_modules"));
    symlinkSync("..", join(from, "node_modules", "self"));
    chmodSync(join(base, "private"), 0o700);
    return from;
  }

  function assertServed(from: string, to: string): void {
    assert.equal(statSync(to).mode & 0o777, 0o755);
    assert.equal(readFileSync(join(to, "dist", "index.js"), "utf8"), "x");
    assert.ok(lstatSync(join(to, "node_modules", "self")).isSymbolicLink());
    assert.equal(readlinkSync(join(to, "node_modules", "self")), "..");
    assert.deepEqual(readdirSync(to).sort(), ["dist", "node_modules"]);
    assert.equal(closedToOthers(to), undefined);
    assert.equal(readFileSync(join(from, "dist", "index.js"), "utf8"), "x", "the original is unchanged");
  }

  it("links the given entries of a checkout into a new 0755 folder on the same file system, keeps symbolic links, and skips missing entries", () => {
    const root = mkdtempSync(join(tmpdir(), "tradeoff-linked-"));
    chmodSync(root, 0o755);
    try {
      const from = privateCheckout(root);
      const to = join(root, "served");
      assert.equal(servedCopy(from, to, ["dist", "node_modules", "absent"]), true);
      assertServed(from, to);
      assert.equal(statSync(join(to, "dist", "index.js")).ino, statSync(join(from, "dist", "index.js")).ino, "a hard link, not a second copy");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("copies instead where it cannot link: another file system (/dev/shm)", function () {
    if (!existsSync("/dev/shm") || statSync("/dev/shm").dev === statSync(tmpdir()).dev) this.skip();
    const root = mkdtempSync(join(tmpdir(), "tradeoff-linked-"));
    const other = mkdtempSync(join("/dev/shm", "tradeoff-served-"));
    chmodSync(other, 0o755);
    try {
      const from = privateCheckout(root);
      const to = join(other, "served");
      assert.equal(servedCopy(from, to, ["dist", "node_modules", "absent"]), true);
      assertServed(from, to);
      assert.notEqual(statSync(join(to, "dist", "index.js")).dev, statSync(join(from, "dist", "index.js")).dev, "a copy on the other file system");
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("JupyterHub class (kernel-setup/hub)", function () {
  this.timeout(240_000);
  const suffix = randomBytes(2).toString("hex");
  const [alice, bob, carol] = ["a", "b", "c"].map((l) => `tl${suffix}-${l}`) as [string, string, string];
  const learners = [alice, bob, carol];
  let hub: Hub | undefined;
  let homes = "";
  const tokens = new Map<string, string>();

  before(async function () {
    if (!canRun) {
      if (process.env.CI === "true") assert.fail("CI needs jupyterhub (apt-get install jupyterhub) and root for the hub test");
      this.skip();
    }
    homes = mkdtempSync(join(tmpdir(), "tradeoff-hub-homes-"));
    createUnixUsers(learners, homes);
    hub = await startHub({ spawner: "local-users" });
  });

  after(async function () {
    this.timeout(60_000);
    if (hub !== undefined) await hub.stop();
    if (canRun) removeUnixUsers(learners);
    if (homes !== "") rmSync(homes, { recursive: true, force: true });
  });

  const live = (): Hub => {
    assert.ok(hub, "the hub is running");
    return hub;
  };

  it("a wrong token is refused (403) and creates nothing", async () => {
    const answer = await live().request("POST", "/hub/api/users", { usernames: ["mallory"] }, "0".repeat(48));
    assert.equal(answer.status, 403);
    assert.equal((await live().users()).some((u) => u.name === "mallory"), false);
  });

  it("user names with path characters are refused by the hub and by checkUserName, and no folder appears", async () => {
    for (const name of ["../evil", "a/b", "x%2f..", "a b", "-x"]) {
      const answer = await live().request("POST", "/hub/api/users", { usernames: [name] });
      assert.ok(answer.status === 400 || answer.status === 409, `${name}: ${answer.status} ${answer.text}`);
      assert.throws(() => checkUserName(name), RangeError);
    }
    assert.deepEqual(readdirSync(homes).sort(), [...learners].sort());
  });

  it("creates three learners through the REST API and spawns their servers, each with its own copy of the notebooks", async () => {
    await live().createUsers(learners);
    await Promise.all(learners.map((name) => live().startServer(name)));
    for (const name of learners) {
      tokens.set(name, await live().userToken(name));
      const listing = await live().request("GET", `/user/${name}/api/contents/${LEARNER_FOLDER}`, undefined, tokens.get(name));
      assert.equal(listing.status, 200, listing.text);
      const names = ((listing.body as { content: { name: string }[] }).content).map((e) => e.name);
      assert.ok(names.includes(NOTEBOOK), `${name} has ${NOTEBOOK}`);
    }
  });

  it("each learner's kernel imports tradeoff-lab and grades an exercise (verdict read back)", async () => {
    for (const name of learners) {
      const kernel = await openKernel(live(), name, tokens.get(name) as string, `${LEARNER_FOLDER}/${NOTEBOOK}`);
      try {
        const run = await kernel.execute(`import { exercises } from "tradeoff-lab";\nconsole.log(JSON.stringify({ user: process.env.USER, right: exercises.grade("04.1", "b").status, wrong: exercises.grade("04.1", "a").status }));`);
        assert.equal(run.status, "ok", run.stderr);
        assert.deepEqual(JSON.parse(run.stdout.trim()), { user: name, right: "pass", wrong: "fail" });
      } finally {
        await kernel.close();
      }
    }
  });

  it("learner A cannot read or write learner B's notebooks: not over HTTP, not from A's kernel", async () => {
    const path = `/user/${bob}/api/contents/${LEARNER_FOLDER}/${NOTEBOOK}`;
    const read = await live().request("GET", path, undefined, tokens.get(alice));
    assert.ok(read.status === 403 || read.status === 302 || read.status === 404, `GET with A's token: ${read.status}`);
    const write = await live().request("PUT", path, { type: "notebook", content: { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 } }, tokens.get(alice));
    assert.ok(write.status === 403 || write.status === 302 || write.status === 404, `PUT with A's token: ${write.status}`);
    const kernel = await openKernel(live(), alice, tokens.get(alice) as string, `${LEARNER_FOLDER}/${NOTEBOOK}`);
    try {
      const target = join(homes, bob, LEARNER_FOLDER, NOTEBOOK);
      const run = await kernel.execute(
        `import * as fs from "fs";\nconst tries: string[] = [];\nfor (const f of [() => fs.readFileSync(${JSON.stringify(target)}), () => fs.writeFileSync(${JSON.stringify(target)}, "x")]) { try { f(); tries.push("ok"); } catch (e) { tries.push((e as NodeJS.ErrnoException).code ?? "?"); } }\nconsole.log(tries.join(","));`,
      );
      assert.equal(run.status, "ok", run.stderr);
      assert.equal(run.stdout.trim(), "EACCES,EACCES");
    } finally {
      await kernel.close();
    }
  });

  it("the instructor collects every learner's notebooks through the hub into submitted/<learner>/<notebook>.ipynb and grades them into a gradebook", async () => {
    // A learner's work: alice saves the solution copy of notebook 04, bob the deliberately wrong one, carol leaves hers.
    const source = readSources().find((s) => `${s.slug}.ipynb` === NOTEBOOK);
    assert.ok(source, "the workbook source of notebook 04");
    for (const [name, variant] of [[alice, "solution"], [bob, "wrong"]] as const) {
      const saved = await live().request("PUT", `/user/${name}/api/contents/${LEARNER_FOLDER}/${NOTEBOOK}`, { type: "notebook", format: "json", content: buildNotebook(source, variant) }, tokens.get(name));
      assert.equal(saved.status, 200, saved.text);
    }
    const out = mkdtempSync(join(tmpdir(), "tradeoff-hub-submitted-"));
    try {
      const all = await collectNotebooks(live(), join(out, "all"), { learners: [alice] });
      assert.equal(all[0]?.notebooks.length, readdirSync(join(homes, alice, LEARNER_FOLDER)).filter((f) => f.endsWith(".ipynb")).length, "every notebook of the learner's folder");
      const collected = await collectNotebooks(live(), join(out, "submitted"), { learners, notebooks: [NOTEBOOK] });
      assert.deepEqual(collected.map((c) => [c.learner, c.notebooks]), learners.map((l) => [l, [NOTEBOOK]]));
      for (const c of collected) assert.ok(existsSync(join(out, "submitted", c.learner, NOTEBOOK)));
      // The project's grader (npx tradeoff-lab grade) on what was collected.
      const grades = await gradeSubmissions(join(out, "submitted"), { jobs: 2 });
      const byLearner = new Map(grades.map((g) => [g.learner, g]));
      const right = byLearner.get(alice);
      assert.ok(right !== undefined && right.points > 0 && right.earned === right.points, `alice earns every point: ${right?.earned}/${right?.points}`);
      assert.equal(byLearner.get(bob)?.earned, 0, "bob's wrong answers earn nothing");
      assert.equal(byLearner.get(carol)?.earned, 0, "carol's untouched copy earns nothing");
      const csv = gradebookCsv(grades).trim().split("\n");
      assert.equal(csv.length, 4, "a header and one row per learner");
      assert.match(csv[1] as string, new RegExp(`^${alice},`));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("a learner's server that dies mid-run: the others keep working and the learner gets a fresh server with their work", async () => {
    const kernelC = await openKernel(live(), carol, tokens.get(carol) as string, `${LEARNER_FOLDER}/${NOTEBOOK}`);
    const running = kernelC.execute("await new Promise((r) => setTimeout(r, 30000));", 60_000).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 500));
    const servers = live().processes().filter((pid) => {
      try {
        return readProcText(pid, "cmdline").includes("jupyterhub-singleuser") && readProcText(pid, "environ").includes(`JUPYTERHUB_USER=${carol}\0`);
      } catch {
        return false;
      }
    });
    assert.equal(servers.length, 1, "carol's server process");
    process.kill(servers[0] as number, "SIGKILL");
    const outcome = await running;
    assert.ok(outcome instanceof Error && /closed/.test(outcome.message), `carol's execution fails at once: ${String(outcome)}`);
    await kernelC.close();
    // alice is unaffected
    const kernelA = await openKernel(live(), alice, tokens.get(alice) as string, `${LEARNER_FOLDER}/${NOTEBOOK}`);
    try {
      const run = await kernelA.execute("console.log(6 * 7);");
      assert.equal(run.stdout.trim(), "42");
    } finally {
      await kernelA.close();
    }
    // the hub notices within its poll interval; carol starts again and finds her folder
    const deadline = Date.now() + 20_000;
    while ((await live().users()).find((u) => u.name === carol)?.servers?.[""] !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.equal((await live().users()).find((u) => u.name === carol)?.servers?.[""], undefined, "the hub saw carol's server stop");
    await live().startServer(carol);
    const listing = await live().request("GET", `/user/${carol}/api/contents/${LEARNER_FOLDER}/${NOTEBOOK}`, undefined, tokens.get(carol));
    assert.equal(listing.status, 200);
  });

  it("stop() leaves no process carrying the hub's marker and no listening port", async () => {
    const h = live();
    await h.stop();
    assert.deepEqual(h.processes(), []);
    assert.equal(await portOpen(h.port), false);
    hub = undefined;
  });
});

function readProcText(pid: number, file: string): string {
  return readFileSync(`/proc/${pid}/${file}`, "latin1");
}
