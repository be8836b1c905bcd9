/**
 * Consistency models as a directed graph of implications, after Jepsen's map
 * (https://jepsen.io/consistency, adapted there from Bailis et al., "Highly
 * Available Transactions", VLDB 2014, and Viotti & Vukolić, "Consistency in
 * Non-Transactional Distributed Storage Systems", ACM Computing Surveys 2016).
 *
 * An edge `x → y` means "every history allowed by x is allowed by y": x is
 * stronger. Two nodes are additions to Jepsen's map, both needed by the
 * course text:
 * - `session`: the conjunction of the four session guarantees of Terry et al.
 *   ("Session Guarantees for Weakly Consistent Replicated Data", PDIS 1994):
 *   read-your-writes, monotonic reads, monotonic writes and
 *   writes-follow-reads. PRAM is exactly the first three, so session implies
 *   PRAM and writes-follow-reads, and causal implies session. (Brzezinski et
 *   al., 2004, show that in their model the four together amount to causal
 *   consistency; we keep session as its own node, below causal.)
 * - `eventual`: convergence once writes stop. It is a liveness property, not
 *   a safety property, so strictly no model on the map implies it; we place
 *   it under the single-object session guarantees, as the course's spectrum
 *   does, and leave the transactional family unconnected to it.
 */
import { oneOf, rangeError } from "./internal/errors";

/** Every model in the graph. */
export const MODELS = [
  "strict-serializable",
  "serializable",
  "linearizable",
  "sequential",
  "causal",
  "session",
  "pram",
  "writes-follow-reads",
  "read-your-writes",
  "monotonic-reads",
  "monotonic-writes",
  "eventual",
  "snapshot-isolation",
  "repeatable-read",
  "cursor-stability",
  "monotonic-atomic-view",
  "read-committed",
  "read-uncommitted",
] as const;

/** A consistency model's id (kebab-case, as in Jepsen's URLs). */
export type Model = (typeof MODELS)[number];

/**
 * How available a model can be on an asynchronous network with partitions
 * (Jepsen's colours; Bailis et al., HAT, VLDB 2014):
 * - `unavailable`: some nodes must refuse some requests during a partition;
 * - `sticky-available`: every request succeeds if the client keeps talking
 *   to the same (non-faulty) server;
 * - `totally-available`: every non-faulty node answers every request.
 */
export type Availability = "unavailable" | "sticky-available" | "totally-available";

/** Availability classes from worst to best. */
export const AVAILABILITY_ORDER: readonly Availability[] = ["unavailable", "sticky-available", "totally-available"];

/** Which family of Jepsen's map a model belongs to. */
export type Family = "both" | "single-object" | "transactional";

/** Everything the library knows about one model. */
export interface ModelInfo {
  readonly id: Model;
  /** Display name. */
  readonly name: string;
  readonly family: Family;
  readonly availability: Availability;
  /** Plain-English definition. */
  readonly description: string;
  /** Systems that offer the model (and in which configuration). */
  readonly examples: readonly string[];
  /** The models this one directly implies (the edges out of it). */
  readonly implies: readonly Model[];
  /** Where the definition and the edges come from. */
  readonly source: string;
}

const JEPSEN = "Jepsen, 'Consistency Models', https://jepsen.io/consistency";
const HAT = "Bailis et al., 'Highly Available Transactions: Virtues and Limitations', VLDB 2014";
const TERRY = "Terry et al., 'Session Guarantees for Weakly Consistent Replicated Data', PDIS 1994";

interface ModelRecord {
  readonly name: string;
  readonly family: Family;
  readonly availability: Availability;
  readonly implies: readonly Model[];
  readonly description: string;
  readonly examples: readonly string[];
  readonly source: string;
}

const RECORDS: { readonly [M in Model]: ModelRecord } = {
  "strict-serializable": {
    name: "strict serializable",
    family: "both",
    availability: "unavailable",
    implies: ["serializable", "linearizable"],
    description:
      "Transactions appear to run one at a time, in an order consistent with real time: serializable plus linearizable. Google calls it external consistency.",
    examples: ["Spanner (external consistency)", "etcd KV API", "FaunaDB"],
    source: JEPSEN,
  },
  serializable: {
    name: "serializable",
    family: "transactional",
    availability: "unavailable",
    implies: ["repeatable-read", "snapshot-isolation"],
    description: "Transactions appear to run one at a time in some total order, which need not match real time.",
    examples: ["CockroachDB (default SERIALIZABLE)", "PostgreSQL SERIALIZABLE"],
    source: JEPSEN,
  },
  linearizable: {
    name: "linearizable",
    family: "single-object",
    availability: "unavailable",
    implies: ["sequential"],
    description:
      "Each operation appears to take effect atomically at one instant between its call and its return: a read sees the latest completed write.",
    examples: ["etcd (default reads)", "MongoDB readConcern linearizable", "Cosmos DB strong", "DynamoDB strongly consistent reads of one item (per AWS)"],
    source: JEPSEN,
  },
  sequential: {
    name: "sequential",
    family: "single-object",
    availability: "unavailable",
    implies: ["causal"],
    description:
      "All processes see the operations in one total order that respects each process's own order, but not necessarily real time.",
    examples: ["ZooKeeper (linearizable writes, sequentially consistent reads)"],
    source: JEPSEN,
  },
  causal: {
    name: "causal",
    family: "single-object",
    availability: "sticky-available",
    implies: ["session", "pram", "writes-follow-reads"],
    description:
      "Operations that are causally related (same process, or a read of a write) are seen by everyone in that order; concurrent operations may be seen in different orders.",
    examples: ["MongoDB causally consistent sessions (with majority read and write concerns)"],
    source: JEPSEN,
  },
  session: {
    name: "session",
    family: "single-object",
    availability: "sticky-available",
    implies: ["pram", "writes-follow-reads"],
    description:
      "The course's term: within one session, read-your-writes, monotonic reads, monotonic writes and writes-follow-reads all hold; other sessions may see stale data.",
    examples: ["Cosmos DB session level (its default)"],
    source: `${TERRY}; Microsoft Learn, 'Consistency levels in Azure Cosmos DB'`,
  },
  pram: {
    name: "PRAM",
    family: "single-object",
    availability: "sticky-available",
    implies: ["read-your-writes", "monotonic-reads", "monotonic-writes"],
    description:
      "Pipelined RAM (FIFO consistency): every process sees each other process's writes in the order they were issued. Equivalent to read-your-writes, monotonic reads and monotonic writes together.",
    examples: [],
    source: JEPSEN,
  },
  "writes-follow-reads": {
    name: "writes follow reads",
    family: "single-object",
    availability: "totally-available",
    implies: ["eventual"],
    description: "If a process reads a value and then writes, its write is ordered after the write it read.",
    examples: [],
    source: `${JEPSEN}; ${TERRY}`,
  },
  "read-your-writes": {
    name: "read your writes",
    family: "single-object",
    availability: "sticky-available",
    implies: ["eventual"],
    description: "A process that writes and then reads sees its own write (or a later one); others may see stale data.",
    examples: ["social media: you see your own post at once"],
    source: `${JEPSEN}; ${TERRY}`,
  },
  "monotonic-reads": {
    name: "monotonic reads",
    family: "single-object",
    availability: "totally-available",
    implies: ["eventual"],
    description: "Once a process has read a value, its later reads never return an older one.",
    examples: [],
    source: `${JEPSEN}; ${TERRY}`,
  },
  "monotonic-writes": {
    name: "monotonic writes",
    family: "single-object",
    availability: "totally-available",
    implies: ["eventual"],
    description: "A process's writes take effect everywhere in the order the process issued them.",
    examples: [],
    source: `${JEPSEN}; ${TERRY}`,
  },
  eventual: {
    name: "eventual",
    family: "single-object",
    availability: "totally-available",
    implies: [],
    description:
      "If writes stop, all replicas eventually converge to the same value; nothing is promised about what a read returns meanwhile. A liveness property: not on Jepsen's map.",
    examples: ["Cassandra (default level ONE)", "DynamoDB eventually consistent reads", "DynamoDB global tables (MREC, last writer wins)", "DNS"],
    source: "Vogels, 'Eventually Consistent', CACM 2009; course text section 3",
  },
  "snapshot-isolation": {
    name: "snapshot isolation",
    family: "transactional",
    availability: "unavailable",
    implies: ["monotonic-atomic-view"],
    description:
      "Each transaction reads from a consistent snapshot taken at its start and commits only if no concurrent transaction wrote the same keys; write skew is possible.",
    examples: ["Oracle SERIALIZABLE", "PostgreSQL REPEATABLE READ"],
    source: JEPSEN,
  },
  "repeatable-read": {
    name: "repeatable read",
    family: "transactional",
    availability: "unavailable",
    implies: ["cursor-stability", "monotonic-atomic-view"],
    description: "Serializable except for predicate reads: phantoms are allowed, but an item read twice returns the same value.",
    examples: [],
    source: JEPSEN,
  },
  "cursor-stability": {
    name: "cursor stability",
    family: "transactional",
    availability: "unavailable",
    implies: ["read-committed"],
    description: "Read committed plus: the item under a transaction's cursor cannot be changed by others until the cursor moves (no lost update on it).",
    examples: [],
    source: JEPSEN,
  },
  "monotonic-atomic-view": {
    name: "monotonic atomic view",
    family: "transactional",
    availability: "totally-available",
    implies: ["read-committed"],
    description: "Read committed plus: once a transaction sees one write of another transaction, it sees all of that transaction's writes.",
    examples: [],
    source: `${JEPSEN}; ${HAT}`,
  },
  "read-committed": {
    name: "read committed",
    family: "transactional",
    availability: "totally-available",
    implies: ["read-uncommitted"],
    description: "A transaction never reads data written by a transaction that has not committed (no dirty reads).",
    examples: ["PostgreSQL default", "CockroachDB READ COMMITTED", "DynamoDB BatchGetItem, Query and Scan against transactions (AWS, \"Isolation levels for DynamoDB transactions\"; a single-item GetItem is serializable)"],
    source: JEPSEN,
  },
  "read-uncommitted": {
    name: "read uncommitted",
    family: "transactional",
    availability: "totally-available",
    implies: [],
    description: "Only dirty writes are ruled out: transactions may read uncommitted data.",
    examples: [],
    source: JEPSEN,
  },
};

/** For each model, every model it implies (reflexive-transitive closure). */
const CLOSURE: ReadonlyMap<Model, ReadonlySet<Model>> = (() => {
  const closure = new Map<Model, Set<Model>>();
  const visit = (model: Model): Set<Model> => {
    const known = closure.get(model);
    if (known) return known;
    const reach = new Set<Model>([model]);
    for (const next of RECORDS[model].implies) for (const m of visit(next)) reach.add(m);
    closure.set(model, reach);
    return reach;
  };
  for (const model of MODELS) visit(model);
  return closure;
})();

function model(where: string, name: string, value: unknown): Model {
  return oneOf(where, name, value, MODELS);
}

/**
 * Lists every model with its family, availability, description, examples
 * and direct implications.
 * @example models().length // => 18
 */
export function models(): ModelInfo[] {
  return MODELS.map((id) => info(id));
}

function info(id: Model): ModelInfo {
  const r = RECORDS[id];
  return {
    id,
    name: r.name,
    family: r.family,
    availability: r.availability,
    description: r.description,
    examples: r.examples,
    implies: r.implies,
    source: r.source,
  };
}

/**
 * One model's description, family, availability class, examples and edges.
 * @param x a model id, e.g. `"causal"`
 * @throws RangeError for an unknown model (the message lists the ids)
 * @example describe("session").implies // => ["pram", "writes-follow-reads"]
 */
export function describe(x: Model): ModelInfo {
  return info(model("consistency.describe", "x", x));
}

/**
 * Whether every history allowed by `x` is allowed by `y` (x ⇒ y), following
 * the graph's edges transitively. Reflexive: `implies(x, x)` is true.
 * @param x the (possibly) stronger model
 * @param y the (possibly) weaker model
 * @throws RangeError for an unknown model
 * @example implies("linearizable", "causal") // => true
 * @example implies("serializable", "linearizable") // => false (incomparable)
 */
export function implies(x: Model, y: Model): boolean {
  const where = "consistency.implies";
  const a = model(where, "x", x);
  const b = model(where, "y", y);
  return (CLOSURE.get(a) as ReadonlySet<Model>).has(b);
}

/**
 * Whether `x` is strictly stronger than `y`: x implies y and x is not y.
 * @param x the (possibly) stronger model
 * @param y the (possibly) weaker model
 * @throws RangeError for an unknown model
 * @example isStronger("strict-serializable", "read-committed") // => true
 * @example isStronger("causal", "causal") // => false
 */
export function isStronger(x: Model, y: Model): boolean {
  const where = "consistency.isStronger";
  const a = model(where, "x", x);
  const b = model(where, "y", y);
  return a !== b && (CLOSURE.get(a) as ReadonlySet<Model>).has(b);
}

/**
 * The strongest models that both `x` and `y` imply: the maximal elements of
 * the set of models implied by both (their greatest lower bounds in the
 * implication order). The answer can hold several models, or none: the
 * single-object and transactional families meet only above (at strict
 * serializable), never below, so e.g. serializable and linearizable have no
 * common consequence. The result is in the order of {@link MODELS}.
 * @param x a model
 * @param y a model
 * @returns `[y]` when x implies y; `[]` when nothing is implied by both
 * @throws RangeError for an unknown model
 * @example strongestCommon("linearizable", "causal") // => ["causal"]
 * @example strongestCommon("pram", "writes-follow-reads") // => ["eventual"]
 * @example strongestCommon("snapshot-isolation", "repeatable-read") // => ["monotonic-atomic-view"]
 * @example strongestCommon("serializable", "linearizable") // => []
 */
export function strongestCommon(x: Model, y: Model): Model[] {
  const where = "consistency.strongestCommon";
  const a = CLOSURE.get(model(where, "x", x)) as ReadonlySet<Model>;
  const b = CLOSURE.get(model(where, "y", y)) as ReadonlySet<Model>;
  const common = MODELS.filter((m) => a.has(m) && b.has(m));
  return common.filter((m) => !common.some((other) => other !== m && (CLOSURE.get(other) as ReadonlySet<Model>).has(m)));
}

/**
 * A model's availability class on an asynchronous network (Jepsen's map;
 * HAT, VLDB 2014): models at or above sequential, snapshot isolation or
 * cursor stability are unavailable; causal, PRAM, read-your-writes and
 * session are sticky available; the rest are totally available.
 * @param x a model
 * @throws RangeError for an unknown model
 * @example availability("causal") // => "sticky-available"
 */
export function availability(x: Model): Availability {
  return RECORDS[model("consistency.availability", "x", x)].availability;
}

/**
 * The graph's edges, `[stronger, weaker]`, one per arrow of the map (the
 * transitive ones are left out), for plotting.
 * @example edges()[0] // => ["strict-serializable", "serializable"]
 */
export function edges(): [Model, Model][] {
  return MODELS.flatMap((from) => RECORDS[from].implies.map((to): [Model, Model] => [from, to]));
}

/** One entry of the course's "Spectrum of Consistency", checked. */
export interface SpectrumEntry {
  /** Position in the course's list, 1 = strongest. */
  readonly position: number;
  /** The course's heading, verbatim. */
  readonly courseLabel: string;
  /** The model in this graph it corresponds to. */
  readonly model: Model;
  /** The course's example, verbatim. */
  readonly courseExample: string;
  /** The course's cost line, verbatim. */
  readonly courseCost: string;
  /** Whether the course's example holds up. */
  readonly exampleVerdict: "correct" | "wrong" | "outdated" | "imprecise";
  /** What is wrong or missing, and what is right. */
  readonly note: string;
  /** Sources for the note. */
  readonly source: string;
}

const SPECTRUM: readonly SpectrumEntry[] = [
  {
    position: 1,
    courseLabel: "Linearizability (Strongest)",
    model: "linearizable",
    courseExample: "Single-node database",
    courseCost: "High latency (coordination overhead)",
    exampleVerdict: "imprecise",
    note:
      "Linearizability is the strongest single-object model, but not the strongest overall: strict serializability is stronger (it adds multi-object transactions). The course's '(Strict)' is a different model again: in the distributed-systems literature the course follows, strict consistency means every read returns 'the result of the most recent write' in absolute global time (Tanenbaum & van Steen, 'Distributed Systems: Principles and Paradigms', 2002, 'Strict consistency'), which no distributed system can implement; linearizability is the realisable model that replaces it, ordering only operations that do not overlap in real time. A single node is linearizable for single-key reads and writes only if it serves each key from one copy.",
    source: JEPSEN,
  },
  {
    position: 2,
    courseLabel: "Sequential Consistency",
    model: "sequential",
    courseExample: "Spanner (within same region)",
    courseCost: "Medium latency",
    exampleVerdict: "wrong",
    note:
      "Spanner provides external consistency (strict serializability) for read-write transactions and strong reads in every configuration, single- or multi-region, via TrueTime commit wait. Sequential consistency is weaker. ZooKeeper is a fitting example: writes are linearizable, reads are served locally and can be stale.",
    source:
      "Google Cloud docs, 'Spanner: TrueTime and external consistency', https://cloud.google.com/spanner/docs/true-time-external-consistency; Apache ZooKeeper docs, 'ZooKeeper Internals'",
  },
  {
    position: 3,
    courseLabel: "Causal Consistency",
    model: "causal",
    courseExample: "DynamoDB global tables",
    courseCost: "Low latency, complex implementation",
    exampleVerdict: "wrong",
    note:
      "DynamoDB global tables in their default mode (multi-Region eventual consistency, MREC) replicate asynchronously and resolve concurrent writes last-writer-wins: that is eventual consistency, with no causal ordering across items or Regions. The newer multi-Region strong consistency mode (MRSC) is stronger than causal. MongoDB causally consistent sessions are a causal example.",
    source:
      "AWS DynamoDB Developer Guide, 'How DynamoDB global tables work' and 'DynamoDB read consistency', https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html",
  },
  {
    position: 4,
    courseLabel: "Session Consistency",
    model: "session",
    courseExample: "Azure Cosmos DB (session level)",
    courseCost: "Low latency",
    exampleVerdict: "correct",
    note:
      "Cosmos DB's session level gives read-your-writes, monotonic reads, monotonic writes (and writes-follow-reads) within a session. It is Cosmos DB's default level.",
    source: "Microsoft Learn, 'Consistency levels in Azure Cosmos DB', https://learn.microsoft.com/en-us/azure/cosmos-db/consistency-levels",
  },
  {
    position: 5,
    courseLabel: "Read-Your-Writes",
    model: "read-your-writes",
    courseExample: "Social media (you see your post immediately)",
    courseCost: "Very low latency",
    exampleVerdict: "correct",
    note:
      "Correct, but the spectrum is drawn as a line while the models form a partial order: read-your-writes, monotonic reads, monotonic writes and writes-follow-reads are incomparable with each other, and the transactional models (serializable, snapshot isolation, read committed) are missing.",
    source: JEPSEN,
  },
  {
    position: 6,
    courseLabel: "Eventual Consistency (Weakest)",
    model: "eventual",
    courseExample: "S3, DNS, Cassandra (default)",
    courseCost: "Lowest latency, highest availability",
    exampleVerdict: "outdated",
    note:
      "S3 has provided strong read-after-write consistency for all GET, PUT and LIST operations since December 2020, so it no longer belongs here. DNS and Cassandra at its default level ONE are eventual.",
    source:
      "AWS News Blog, 'Amazon S3 Update - Strong Read-After-Write Consistency', https://aws.amazon.com/blogs/aws/amazon-s3-update-strong-read-after-write-consistency; Amazon S3 User Guide, 'Amazon S3 data consistency model'",
  },
];

/**
 * The course's "Spectrum of Consistency" (section 3), strongest first, with
 * each entry mapped to a model of the graph and its example checked against
 * the vendors' documentation.
 * @example spectrum().filter((e) => e.exampleVerdict === "wrong").map((e) => e.courseExample)
 * // => ["Spanner (within same region)", "DynamoDB global tables"]
 */
export function spectrum(): SpectrumEntry[] {
  return SPECTRUM.map((entry) => ({ ...entry }));
}

/**
 * Reads a model name as a person would type it ("Read Committed",
 * "snapshot_isolation", "PRAM") and returns its id.
 * @param name the name; case, spaces and underscores are ignored
 * @throws TypeError when `name` is not a string
 * @throws RangeError naming the allowed ids when it is not a model
 * @example parseModel("Snapshot Isolation") // => "snapshot-isolation"
 */
export function parseModel(name: string): Model {
  const normalised = typeof name === "string" ? name.trim().toLowerCase().replace(/[\s_]+/g, "-") : name;
  if (typeof normalised === "string" && (MODELS as readonly string[]).includes(normalised)) return normalised as Model;
  if (typeof name !== "string") return model("consistency.parseModel", "name", name);
  throw rangeError("consistency.parseModel", "name", `one of ${MODELS.map((m) => JSON.stringify(m)).join(", ")}`, name);
}
