import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import * as pacelc from "../src/pacelc";

const HEADER = "system,configuration,is_default,cap,pacelc,course_cap,course_pacelc,source,source_url,note";
const csv = (...rows: string[]): string => [HEADER, ...rows].join("\n") + "\n";
const ROW_RIAK = "Riak,default,yes,AP,PA/EL,AP,,Abadi 2012,,Dynamo-style";
const ROW_PNUTS = "PNUTS,read-any,yes,CP,PC/EL,,,Abadi 2012,https://doi.org/10.1109/MC.2012.33,per-record master";

const byConfig = (system: string, configurationPart: string): pacelc.SystemClassification => {
  const rows = pacelc.filter({ system }).filter((r) => r.configuration.includes(configurationPart));
  assert.equal(rows.length, 1, `${system} / ${configurationPart}`);
  return rows[0];
};
const defaultOf = (system: string): pacelc.SystemClassification => {
  const rows = pacelc.filter({ system, defaultOnly: true });
  assert.equal(rows.length, 1, system);
  return rows[0];
};

describe("pacelc", () => {
  describe("the shipped catalog (data/systems.csv)", () => {
    it("loadCatalog() holds at least 17 distinct systems, every one the issue names", () => {
      const names = pacelc.systems();
      assert.ok(names.length >= 17, `only ${names.length} systems`);
      for (const required of [
        "Dynamo", "Cassandra", "Riak", "DynamoDB", "Cosmos DB", "MongoDB", "Bigtable/HBase", "Spanner", "CockroachDB",
        "VoltDB/H-Store", "Megastore", "PNUTS", "PostgreSQL", "MySQL Cluster", "Redis", "etcd", "ZooKeeper", "Couchbase",
      ]) {
        assert.ok(names.includes(required), `missing ${required}`);
      }
    });

    it("loadCatalog() gives Cosmos DB one row per consistency level, session being the default", () => {
      const levels = pacelc.filter({ system: "cosmos db" }).map((r) => r.configuration.split(" (")[0]);
      assert.deepEqual(levels, ["strong", "bounded staleness", "session", "consistent prefix", "eventual"]);
      assert.equal(defaultOf("Cosmos DB").configuration, "session (default level)");
    });

    it("Abadi (IEEE Computer 2012): default Dynamo, Cassandra and Riak are PA/EL", () => {
      for (const s of ["Dynamo", "Cassandra", "Riak"]) assert.equal(defaultOf(s).pacelc, "PA/EL", s);
    });
    it("Abadi (IEEE Computer 2012): VoltDB/H-Store, Megastore and BigTable/HBase are PC/EC", () => {
      for (const s of ["VoltDB/H-Store", "Megastore", "Bigtable/HBase"]) assert.equal(defaultOf(s).pacelc, "PC/EC", s);
    });
    it("Abadi (IEEE Computer 2012): MongoDB (w:1, the default then) is PA/EC and PNUTS is PC/EL", () => {
      assert.equal(byConfig("MongoDB", "w:1").pacelc, "PA/EC");
      assert.match(byConfig("MongoDB", "w:1").source, /Abadi/);
      assert.equal(defaultOf("PNUTS").pacelc, "PC/EL");
    });
    it("Wikipedia 'PACELC design principle': Cosmos DB default levels PA/EL; MySQL Cluster, PostgreSQL, FaunaDB PC/EC; Hazelcast PA/EC", () => {
      for (const level of ["session", "consistent prefix", "eventual"]) assert.equal(byConfig("Cosmos DB", level).pacelc, "PA/EL", level);
      for (const s of ["MySQL Cluster", "PostgreSQL", "FaunaDB"]) assert.equal(defaultOf(s).pacelc, "PC/EC", s);
      assert.equal(defaultOf("Hazelcast").pacelc, "PA/EC");
    });
    it("vendor docs: Spanner (external consistency), CockroachDB (serializable), etcd (linearizable) are PC/EC", () => {
      for (const s of ["Spanner", "CockroachDB", "etcd"]) {
        assert.equal(defaultOf(s).pacelc, "PC/EC", s);
        assert.doesNotMatch(defaultOf(s).source, /Abadi|Wikipedia/, `${s} must cite its vendor`);
      }
    });
    it("DynamoDB: default reads PC/EL (USENIX ATC 2022: leader-serialized quorum writes, any replica serves eventually consistent reads), ConsistentRead PC/EC, global tables MREC PA/EL", () => {
      assert.equal(defaultOf("DynamoDB").pacelc, "PC/EL");
      assert.match(defaultOf("DynamoDB").source, /USENIX ATC 2022/);
      assert.match(defaultOf("DynamoDB").note, /Only the leader replica can serve write and strongly consistent read requests/);
      assert.equal(byConfig("DynamoDB", "ConsistentRead").pacelc, "PC/EC");
      assert.equal(byConfig("DynamoDB", "MREC").pacelc, "PA/EL");
      assert.match(byConfig("DynamoDB", "MREC").note, /last-writer-wins/);
    });

    it("keeps the course's labels (section 2): MongoDB, HBase, Spanner, Redis CP; Cassandra, DynamoDB, Riak, CouchDB AP", () => {
      for (const s of ["MongoDB", "HBase", "Spanner", "Redis"]) assert.equal(defaultOf(s).courseCap, "CP", s);
      for (const s of ["Cassandra", "DynamoDB", "Riak", "CouchDB"]) assert.equal(defaultOf(s).courseCap, "AP", s);
    });
    it("keeps the course's PACELC table: DynamoDB, Cassandra PA/EL; MongoDB, HBase, Spanner PC/EC; Cosmos DB tunable", () => {
      for (const s of ["DynamoDB", "Cassandra"]) assert.equal(defaultOf(s).coursePacelc, "PA/EL", s);
      for (const s of ["MongoDB", "HBase", "Spanner"]) assert.equal(defaultOf(s).coursePacelc, "PC/EC", s);
      for (const r of pacelc.filter({ system: "Cosmos DB" })) assert.equal(r.coursePacelc, "tunable");
    });

    it("CAP in the strict sense (Kleppmann 2015; Jepsen): the rows that are neither CP nor AP", () => {
      const neither = [
        ["Cassandra", "QUORUM"],
        ["DynamoDB", "eventually consistent reads"],
        ["Cosmos DB", "bounded staleness"],
        ["Cosmos DB", "session"],
        ["MongoDB", "w:1"],
        ["MongoDB", "w:majority (implicit"],
        ["PNUTS", "read-any"],
        ["Redis", "Sentinel or Cluster"],
        ["etcd", "serializable"],
        ["ZooKeeper", "default reads"],
        ["Couchbase", "default durability"],
      ];
      for (const [system, part] of neither) assert.equal(byConfig(system, part).cap, "neither", `${system} / ${part}`);
      // Linearizable configurations stay CP; available-on-every-node ones stay AP.
      for (const [system, part] of [["MongoDB", "linearizable"], ["etcd", "linearizable reads"], ["Cosmos DB", "strong"], ["DynamoDB", "ConsistentRead"], ["Spanner", "strong reads"]]) {
        assert.equal(byConfig(system, part).cap, "CP", `${system} / ${part}`);
      }
      for (const [system, part] of [["Cassandra", "ONE"], ["Riak", "sloppy"], ["CouchDB", "multi-master"]]) assert.equal(byConfig(system, part).cap, "AP", `${system} / ${part}`);
    });
    it("Abadi (2012) is quoted for the Cassandra QUORUM row: R + W > N is not Gilbert and Lynch's consistency", () => {
      const row = byConfig("Cassandra", "QUORUM");
      assert.match(row.note, /'cannot achieve full consistency as defined by Gilbert and Lynch, even if R \+ W > N'/);
      assert.equal(row.pacelc, "PC/EC");
    });
    it("Jepsen: Redis is CP only without failover; with Sentinel or Cluster acknowledged writes are lost", () => {
      const row = byConfig("Redis", "Sentinel or Cluster");
      assert.match(row.note, /'Redis running on a single server is a CP system'/);
      assert.match(row.note, /'This is still a CP system, so long as we never read from the secondaries'/);
      assert.match(row.note, /56%/);
    });
    it("MongoDB Manual: the w:majority default has an arbiter exception (w:1 for a primary-secondary-arbiter set)", () => {
      assert.match(defaultOf("MongoDB").note, /'If the number of data-bearing voting members is not greater than the voting majority, the default write concern is \{ w: 1 \}'/);
      assert.match(byConfig("MongoDB", "w:1").note, /primary-secondary-arbiter/);
    });
    it("Cosmos DB: strong needs three regions to keep writes through one region failure; PC/EL for bounded staleness is our reading", () => {
      assert.match(byConfig("Cosmos DB", "strong").note, /at least three regions to retain write availability if there is one region failure/);
      const bounded = byConfig("Cosmos DB", "bounded staleness");
      assert.match(bounded.note, /ours, not Microsoft's/);
      assert.match(bounded.note, /'formally CP'/);
    });

    it("every row cites a source, and every URL given is https", () => {
      for (const row of pacelc.loadCatalog()) {
        assert.ok(row.source.length > 5, `${row.system}: source`);
        if (row.sourceUrl !== "") assert.match(row.sourceUrl, /^https:\/\//, `${row.system}: url`);
      }
    });

    it("loadCatalog() records the file and line of each row", () => {
      const rows = pacelc.loadCatalog();
      assert.deepEqual(rows[0].origin, { file: "systems.csv", line: 2 });
      assert.equal(rows[rows.length - 1].origin.line, rows.length + 1);
    });
  });

  describe("filter", () => {
    it('filter({ pacelc: "PC/EL" }) lists DynamoDB (default reads), Cosmos DB (bounded staleness), PNUTS, etcd (serializable reads), ZooKeeper', () => {
      const rows = pacelc.filter({ pacelc: "PC/EL" });
      assert.deepEqual(rows.map((r) => r.system), ["DynamoDB", "Cosmos DB", "PNUTS", "etcd", "ZooKeeper"]);
      assert.equal(rows[1].configuration, "bounded staleness");
      assert.ok(rows.every((r) => r.cap === "neither"), "every PC/EL row serves stale reads, so none is CAP-consistent");
    });
    it('filter({ system: "hbase" }) finds "Bigtable/HBase" (case-insensitive, either name)', () => {
      assert.deepEqual(pacelc.filter({ system: "hbase" }).map((r) => r.system), ["Bigtable/HBase"]);
      assert.deepEqual(pacelc.filter({ system: "BIGTABLE" }).map((r) => r.system), ["Bigtable/HBase"]);
    });
    it('filter({ cap: "AP", defaultOnly: true }) keeps only default AP rows', () => {
      const rows = pacelc.filter({ cap: "AP", defaultOnly: true });
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => r.cap === "AP" && r.isDefault));
      assert.ok(rows.some((r) => r.system === "Cassandra"));
      assert.ok(!rows.some((r) => r.system === "Spanner"));
    });
    it("filter({}) keeps every row; filters by class partition the catalog", () => {
      const all = pacelc.loadCatalog();
      assert.equal(pacelc.filter({}).length, all.length);
      const counts = pacelc.PACELC_CLASSES.map((c) => pacelc.filter({ pacelc: c }).length);
      assert.equal(counts.reduce((a, b) => a + b, 0), all.length);
      assert.ok(counts.every((n) => n > 0), "every PACELC class has an example");
    });
    it("filter(query, catalog) searches a custom catalog", () => {
      const mine = pacelc.parseCatalog(csv(ROW_RIAK, ROW_PNUTS));
      assert.deepEqual(pacelc.filter({ cap: "CP" }, mine).map((r) => r.system), ["PNUTS"]);
    });
    it("filter rejects bad queries with exact messages", () => {
      assert.throws(() => pacelc.filter(null as never), { name: "TypeError", message: "pacelc.filter: query must be an object, got null" });
      assert.throws(() => pacelc.filter({ cap: "XY" as never }), {
        name: "RangeError",
        message: 'pacelc.filter: cap must be one of "CP", "AP", "CA", "neither", got "XY"',
      });
      assert.throws(() => pacelc.filter({ pacelc: "PA/XL" as never }), {
        name: "RangeError",
        message: 'pacelc.filter: pacelc must be one of "PA/EL", "PC/EC", "PA/EC", "PC/EL", got "PA/XL"',
      });
      assert.throws(() => pacelc.filter({ system: "" }), { name: "RangeError", message: 'pacelc.filter: system must be a non-empty string, got ""' });
      assert.throws(() => pacelc.filter({ defaultOnly: "yes" as never }), { name: "TypeError", message: 'pacelc.filter: defaultOnly must be a boolean, got "yes"' });
      assert.throws(() => pacelc.filter({}, "rows" as never), {
        name: "TypeError",
        message: 'pacelc.filter: catalog must be an array with length >= 0, got "rows"',
      });
    });
  });

  describe("catalogs built by hand", () => {
    const row = { ...pacelc.parseCatalog(csv(ROW_RIAK))[0] };
    it("filter, systems and explainSystem check each row of a hand-built catalog and return copies with only a row's fields", () => {
      const extra = { ...row, quantile: [Number.NEGATIVE_INFINITY] } as never;
      const found = pacelc.filter({}, [extra]);
      assert.deepEqual(found, [row]);
      assert.equal(Object.hasOwn(found[0] as object, "quantile"), false);
      assert.equal(pacelc.explainSystem("riak", undefined, [extra]).pacelc, "PA/EL");
    });
    it("a row without a system, with an unknown class or a bad origin is refused naming the row and the field (no generic TypeError)", () => {
      assert.throws(() => pacelc.explainSystem("x", undefined, [{ toString: new Date(Number.NaN) }] as never), {
        name: "TypeError",
        message: "pacelc.explainSystem: catalog[0].origin must be an object, got undefined",
      });
      assert.throws(() => pacelc.explainSystem("riak", undefined, [{ ...row, system: undefined }] as never), {
        name: "TypeError",
        message: "pacelc.explainSystem: catalog[0].system must be a non-empty string, got undefined",
      });
      assert.throws(() => pacelc.filter({}, [{ ...row, pacelc: "AP" }] as never), { name: "RangeError", message: 'pacelc.filter: catalog[0].pacelc must be one of "PA/EL", "PC/EC", "PA/EC", "PC/EL", got "AP"' });
      assert.throws(() => pacelc.systems([{ ...row, origin: { file: "f", line: 0 } }] as never), { name: "TypeError", message: "pacelc.systems: catalog[0].origin.line must be an integer >= 1, got 0" });
    });
  });

  describe("explain", () => {
    it('explainSystem("Cassandra") explains PA/EL, cites Abadi and agrees with the course', () => {
      const e = pacelc.explainSystem("Cassandra");
      assert.equal(e.pacelc, "PA/EL");
      assert.equal(e.cap, "AP");
      assert.match(e.onPartition, /stays available/);
      assert.match(e.elseTradeoff, /favours latency/);
      assert.match(e.source, /Abadi/);
      assert.equal(e.courseLabel, "AP, PA/EL");
      assert.equal(e.disagreement, undefined);
      assert.match(e.text, /The course agrees: AP, PA\/EL\./);
      assert.deepEqual(e.alternatives, ["QUORUM reads and QUORUM writes: neither, PC/EC"]);
    });
    it('explainSystem("Cassandra", "quorum") is PC/EC and records that the course says AP/EL', () => {
      const e = pacelc.explainSystem("Cassandra", "quorum");
      assert.equal(e.configuration, "QUORUM reads and QUORUM writes");
      assert.equal(e.pacelc, "PC/EC");
      assert.match(e.onPartition, /keeps consistency/);
      assert.match(e.elseTradeoff, /favours consistency/);
      assert.match(e.disagreement ?? "", /^The course labels Cassandra AP, PA\/EL; this configuration is neither CP nor AP, PC\/EC\./);
      assert.equal(e.cap, "neither");
      assert.match(e.capMeaning, /^neither CP nor AP in CAP's sense/);
      assert.match(e.text, /is PC\/EC in PACELC terms, and neither CP nor AP/);
    });
    it('explainSystem("MongoDB", "w:1") keeps both: Abadi PA/EC vs the course CP, PC/EC', () => {
      const e = pacelc.explainSystem("MongoDB", "w:1");
      assert.equal(e.pacelc, "PA/EC");
      assert.match(e.source, /Abadi/);
      assert.match(e.disagreement ?? "", /course labels MongoDB CP, PC\/EC/);
      assert.match(e.why, /write concern/);
    });
    it('explainSystem("MongoDB") uses the default (w:majority since 5.0): PC/EC as the course says, but neither CP nor AP with local reads', () => {
      const e = pacelc.explainSystem("mongodb");
      assert.match(e.configuration, /^w:majority \(implicit default since 5\.0\)/);
      assert.equal(e.pacelc, "PC/EC");
      assert.match(e.disagreement ?? "", /course labels MongoDB CP, PC\/EC; this configuration is neither CP nor AP, PC\/EC/);
      assert.equal(e.alternatives.length, 2);
      assert.equal(pacelc.explainSystem("mongodb", "linearizable").disagreement, undefined);
    });
    it('explainSystem("Redis") records the course\'s CP against the vendor docs', () => {
      const e = pacelc.explainSystem("Redis");
      assert.equal(e.pacelc, "PA/EC");
      assert.equal(e.cap, "neither");
      assert.match(e.source, /Jepsen: Redis/);
      assert.match(e.source, /Redis cluster specification/);
      assert.match(e.disagreement ?? "", /course labels Redis CP/);
    });
    it('explainSystem("hbase") finds Bigtable/HBase; explainSystem("Spanner") cites the Google Cloud page by title and URL', () => {
      assert.equal(pacelc.explainSystem("hbase").system, "Bigtable/HBase");
      const spanner = pacelc.explainSystem("Spanner");
      assert.match(spanner.source, /Spanner: TrueTime and external consistency/);
      assert.equal(spanner.sourceUrl, "https://cloud.google.com/spanner/docs/true-time-external-consistency");
      assert.match(spanner.text, /\(https:\/\/cloud\.google\.com\/spanner/);
    });
    it("explain rejects unknown systems and configurations, listing the choices", () => {
      const mine = pacelc.parseCatalog(csv(ROW_RIAK, ROW_PNUTS));
      assert.throws(() => pacelc.explainSystem("Foo", undefined, mine), {
        name: "RangeError",
        message: 'pacelc.explainSystem: system must be one of "Riak", "PNUTS", got "Foo"',
      });
      assert.throws(() => pacelc.explainSystem("Riak", "quorum", mine), {
        name: "RangeError",
        message: 'pacelc.explainSystem: configuration must be one of "default", got "quorum"',
      });
      assert.throws(() => pacelc.explainSystem("Cosmos DB", "s"), {
        name: "RangeError",
        message:
          'pacelc.explainSystem: configuration must be a unique part of one of "strong", "bounded staleness", "session (default level)", "consistent prefix", "eventual", got "s"',
      });
      assert.throws(() => pacelc.explainSystem(42 as never), { name: "TypeError", message: "pacelc.explainSystem: system must be a non-empty string, got 42" });
      assert.throws(() => pacelc.explainSystem("Riak", "", mine), { name: "RangeError", message: 'pacelc.explainSystem: configuration must be a non-empty string, got ""' });
    });
  });

  describe("disagreements and systems", () => {
    it("disagreements() lists the rows where the course's label differs", () => {
      assert.deepEqual(
        pacelc.disagreements().map((r) => `${r.system}: ${r.cap} ${r.pacelc} vs course ${r.courseCap}`),
        [
          "Cassandra: neither PC/EC vs course AP",
          "DynamoDB: neither PC/EL vs course AP",
          "DynamoDB: CP PC/EC vs course AP",
          "MongoDB: neither PA/EC vs course CP",
          "MongoDB: neither PC/EC vs course CP",
          "Redis: neither PA/EC vs course CP",
        ],
      );
    });
    it("disagreements() ignores 'tunable' (Cosmos DB) and rows without a course label", () => {
      assert.ok(!pacelc.disagreements().some((r) => r.system === "Cosmos DB" || r.courseCap === undefined));
    });
    it("systems(catalog) lists each system once, in order", () => {
      const mine = pacelc.parseCatalog(csv(ROW_RIAK, "Riak,quorum,no,CP,PC/EC,,,src,,n", ROW_PNUTS));
      assert.deepEqual(pacelc.systems(mine), ["Riak", "PNUTS"]);
    });
    it("systems and disagreements reject a catalog that is not an array", () => {
      assert.throws(() => pacelc.systems({} as never), { name: "TypeError", message: "pacelc.systems: catalog must be an array with length >= 0, got an object" });
      assert.throws(() => pacelc.disagreements(1 as never), {
        name: "TypeError",
        message: "pacelc.disagreements: catalog must be an array with length >= 0, got 1",
      });
    });
  });

  describe("parseCatalog and loadCatalog (analysts' own CSV)", () => {
    it("parseCatalog reads optional course labels, quoted commas and blank lines", () => {
      const rows = pacelc.parseCatalog(csv(ROW_RIAK, "", '"Foo, Inc. DB","a, b",yes,CA,PC/EC,tunable,tunable,"src, p. 2",,"n, m"'));
      assert.equal(rows.length, 2);
      assert.equal(rows[0].courseCap, "AP");
      assert.equal(rows[0].coursePacelc, undefined);
      assert.equal(rows[1].system, "Foo, Inc. DB");
      assert.equal(rows[1].configuration, "a, b");
      assert.equal(rows[1].coursePacelc, "tunable");
      assert.equal(rows[1].origin.line, 4);
    });
    it("parseCatalog names the file, line and column of a bad class", () => {
      assert.throws(() => pacelc.parseCatalog(csv(ROW_RIAK, "Foo,default,yes,AP,PA/XL,,,src,,n"), "systems.csv"), {
        name: "RangeError",
        message: 'pacelc.parseCatalog: column "pacelc" at systems.csv line 3 must be one of "PA/EL", "PC/EC", "PA/EC", "PC/EL", got "PA/XL"',
      });
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,yes,AC,PA/EL,,,src,,n")), {
        name: "RangeError",
        message: 'pacelc.parseCatalog: column "cap" at catalog line 2 must be one of "CP", "AP", "CA", "neither", got "AC"',
      });
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,maybe,AP,PA/EL,,,src,,n")), {
        message: 'pacelc.parseCatalog: column "is_default" at catalog line 2 must be one of "yes", "no", got "maybe"',
      });
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,yes,AP,PA/EL,AP/EL,,src,,n")), {
        message: 'pacelc.parseCatalog: column "course_cap" at catalog line 2 must be one of "CP", "AP", "CA", "neither", "tunable", got "AP/EL"',
      });
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,yes,AP,PA/EL,,AP/EL,src,,n")), {
        message: 'pacelc.parseCatalog: column "course_pacelc" at catalog line 2 must be one of "PA/EL", "PC/EC", "PA/EC", "PC/EL", "tunable", got "AP/EL"',
      });
    });
    it("parseCatalog rejects a CAP class that contradicts the PACELC partition half", () => {
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,yes,CP,PA/EL,,,src,,n")), {
        name: "RangeError",
        message: 'pacelc.parseCatalog: column "cap" at catalog line 2 must be "AP" or "neither" to match pacelc PA/EL, got "CP"',
      });
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,yes,AP,PC/EL,,,src,,n")), {
        message: 'pacelc.parseCatalog: column "cap" at catalog line 2 must be "CP", "CA" or "neither" to match pacelc PC/EL, got "AP"',
      });
    });
    it("parseCatalog accepts cap \"neither\" with every PACELC class (decoupled from PACELC)", () => {
      const rows = pacelc.parseCatalog(csv(...pacelc.PACELC_CLASSES.map((c, i) => `S${i},default,yes,neither,${c},,,src,,n`)));
      assert.deepEqual(rows.map((r) => `${r.cap} ${r.pacelc}`), pacelc.PACELC_CLASSES.map((c) => `neither ${c}`));
      assert.deepEqual(pacelc.filter({ cap: "neither" }, rows).length, 4);
    });
    it("parseCatalog rejects empty required cells, missing columns, and empty files", () => {
      assert.throws(() => pacelc.parseCatalog(csv("Foo,default,yes,AP,PA/EL,,,,,n")), {
        message: 'pacelc.parseCatalog: column "source" at catalog line 2 must be a non-empty string, got ""',
      });
      assert.throws(() => pacelc.parseCatalog("system,configuration\nFoo,default\n"), {
        message:
          'pacelc.parseCatalog: the header of catalog must be a row naming the columns system, configuration, is_default, cap, pacelc, course_cap, course_pacelc, source, source_url, note, got "missing column is_default"',
      });
      assert.throws(() => pacelc.parseCatalog(""), {
        message: 'pacelc.parseCatalog: the CSV text of catalog must be a header row and at least one data row, got "an empty file"',
      });
      assert.throws(() => pacelc.parseCatalog(csv()), {
        message: 'pacelc.parseCatalog: the CSV text of catalog must be a header row and at least one data row, got "a header only"',
      });
      assert.throws(() => pacelc.parseCatalog(HEADER + '\n"unterminated,x\n'), (error: Error) =>
        error instanceof RangeError && error.message.startsWith("pacelc.parseCatalog: the CSV text of catalog must be well-formed CSV, got "),
      );
    });
    it("parseCatalog requires exactly one default row per system and unique configurations", () => {
      assert.throws(() => pacelc.parseCatalog(csv(ROW_RIAK, "Riak,quorum,yes,CP,PC/EC,,,src,,n")), {
        message: 'pacelc.parseCatalog: the rows for system "Riak" in catalog must be exactly one row with is_default "yes", got "2 default rows"',
      });
      assert.throws(() => pacelc.parseCatalog(csv("Riak,quorum,no,CP,PC/EC,,,src,,n")), {
        message: 'pacelc.parseCatalog: the rows for system "Riak" in catalog must be exactly one row with is_default "yes", got "0 default rows"',
      });
      assert.throws(() => pacelc.parseCatalog(csv(ROW_RIAK, "riak,Default,no,AP,PA/EL,,,src,,n")), {
        message: 'pacelc.parseCatalog: column "configuration" at catalog line 3 must be unique for system "riak", got "Default"',
      });
    });
    it("parseCatalog rejects non-string input", () => {
      assert.throws(() => pacelc.parseCatalog(42 as never), { name: "TypeError", message: "pacelc.parseCatalog: csvText must be a string of CSV text, got 42" });
      assert.throws(() => pacelc.parseCatalog(csv(ROW_RIAK), ""), { name: "RangeError", message: 'pacelc.parseCatalog: fileName must be a non-empty string, got ""' });
    });

    it("loadCatalog(path) reads an analyst's own file and names it in errors", () => {
      const dir = mkdtempSync(join(tmpdir(), "pacelc-"));
      try {
        const good = join(dir, "mine.csv");
        writeFileSync(good, csv(ROW_RIAK, ROW_PNUTS));
        assert.deepEqual(pacelc.loadCatalog(good).map((r) => r.pacelc), ["PA/EL", "PC/EL"]);
        const bad = join(dir, "bad.csv");
        writeFileSync(bad, csv(ROW_RIAK, "Foo,default,yes,AP,PA/ EL,,,src,,n"));
        assert.throws(() => pacelc.loadCatalog(bad), {
          message: 'pacelc.loadCatalog: column "pacelc" at bad.csv line 3 must be one of "PA/EL", "PC/EC", "PA/EC", "PC/EL", got "PA/ EL"',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it("loadCatalog rejects a missing file and a non-string path", () => {
      assert.throws(() => pacelc.loadCatalog("/nonexistent/systems.csv"), {
        name: "RangeError",
        message: 'pacelc.loadCatalog: path must be a readable CSV file, got "/nonexistent/systems.csv"',
      });
      assert.throws(() => pacelc.loadCatalog(7 as never), { name: "TypeError", message: "pacelc.loadCatalog: path must be a non-empty string, got 7" });
    });

    it("property: any valid rows written as CSV parse back to the same classifications", () => {
      const field = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'()=:-]{0,20}$/).map((s) => s.trim()).filter((s) => s.length > 0);
      const rowArb = fc.record({
        system: field,
        configuration: field,
        pacelc: fc.constantFrom(...pacelc.PACELC_CLASSES),
        pickCa: fc.boolean(),
        pickNeither: fc.boolean(),
        coursePacelc: fc.constantFrom<pacelc.CoursePacelcLabel | undefined>(undefined, "tunable", ...pacelc.PACELC_CLASSES),
        source: field,
        note: field,
      });
      const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
      fc.assert(
        fc.property(fc.uniqueArray(rowArb, { minLength: 1, maxLength: 6, selector: (r) => r.system.toLowerCase() }), (rows) => {
          const lines = rows.map((r) => {
            const cap = r.pickNeither ? "neither" : r.pacelc.startsWith("PA") ? "AP" : r.pickCa ? "CA" : "CP";
            return [r.system, r.configuration, "yes", cap, r.pacelc, "", r.coursePacelc ?? "", r.source, "", r.note].map(quote).join(",");
          });
          const parsed = pacelc.parseCatalog(csv(...lines));
          assert.equal(parsed.length, rows.length);
          parsed.forEach((p, i) => {
            assert.equal(p.system, rows[i].system);
            assert.equal(p.configuration, rows[i].configuration);
            assert.equal(p.pacelc, rows[i].pacelc);
            assert.equal(p.coursePacelc, rows[i].coursePacelc);
            assert.equal(p.cap === "neither", rows[i].pickNeither);
            if (p.cap !== "neither") assert.equal(p.cap === "AP", p.pacelc.startsWith("PA"));
          });
        }),
        { numRuns: 100 },
      );
    });
  });
});
