/**
 * Graded exercises: the feedback a learner sees after each exercise cell.
 *
 * A notebook's exercise cell declares an answer (a number, a function, a
 * configuration or a multiple-choice letter); the cell after it calls
 * `exercises.check("04.1", answer)`, which prints one line:
 *
 *     ✓ 04.1 k-staleness for N=3, R=W=1, k=2
 *     ✗ 04.1 k-staleness for N=3, R=W=1, k=2 — that is p_s, the chance a read misses; P = 1 − p_s^k
 *     ✗ 04.1 k-staleness for N=3, R=W=1, k=2 — not done yet: replace `undefined` with your answer
 *
 * A check never throws, so "Run all" completes on an untouched notebook and
 * `exercises.progress()` reports how many are done. The expected answers
 * live in `src/exercises/catalog/`, outside the learner notebooks, and are
 * computed with the library wherever the library has the formula.
 */
import { formatValue, object, oneOf, typeError } from "../internal/errors";
import { isJsonLike } from "../internal/json";
import { displayData } from "../internal/kernel";

/** The outcome of grading one answer. */
export type Verdict =
  | { readonly status: "pass"; readonly message?: string }
  | { readonly status: "fail"; readonly hint: string }
  | { readonly status: "todo"; readonly hint: string };

/** What kind of task an exercise is (the issue's four kinds). */
export type ExerciseKind = "compute" | "implement" | "choose" | "explain";

/** One graded exercise. */
export interface Exercise {
  /** `"<notebook>.<n>"`, e.g. `"04.1"`. */
  readonly id: string;
  readonly title: string;
  readonly kind: ExerciseKind;
  /** Grades an answer that is not `undefined`. May throw; `check` catches. */
  readonly grade: (answer: unknown) => Verdict;
}

const TODO: Verdict = { status: "todo", hint: "not done yet: replace `undefined` with your answer" };

const registry = new Map<string, Exercise>();
const results = new Map<string, Verdict["status"]>();
/** Notebooks ("04") whose exercises are registered on first use, and their loaders. */
const pending = new Map<string, () => readonly Exercise[]>();

/** Adds exercises to the registry. */
export function register(list: readonly Exercise[]): void {
  for (const exercise of list) {
    if (registry.has(exercise.id)) throw new Error(`exercises.register: duplicate exercise id ${exercise.id}`);
    // Frozen, so a notebook cell cannot swap an exercise's grader.
    registry.set(exercise.id, Object.freeze({ ...exercise }));
  }
}

/**
 * Registers a notebook's exercises on first use: `load` runs when an id
 * or prefix of that notebook is first graded or listed (the workbook's
 * catalog computes expected answers when loaded).
 * @param notebook the notebook's number, e.g. `"04"`; every id `load` returns must start with `"04."`
 */
export function registerLazily(notebook: string, load: () => readonly Exercise[]): void {
  if (pending.has(notebook)) throw new Error(`exercises.registerLazily: notebook ${notebook} is already pending`);
  pending.set(notebook, load);
}

/** Registers the pending notebooks that an id or a prefix (`""` for all) can belong to. */
function loadPending(idOrPrefix: string): void {
  for (const [notebook, load] of pending) {
    const head = `${notebook}.`;
    if (!head.startsWith(idOrPrefix) && !idOrPrefix.startsWith(head)) continue;
    const loaded = load(); // may throw naming a bad data file; the notebook stays pending, so the next check says so again
    pending.delete(notebook);
    const stray = loaded.find((e) => !e.id.startsWith(head));
    if (stray) throw new Error(`exercises.registerLazily: exercise ${stray.id} is not in notebook ${notebook}`);
    register(loaded);
  }
}

/** Every registered exercise, in id order. */
export function list(prefix = ""): Exercise[] {
  if (typeof prefix !== "string") throw typeError("exercises.list", "prefix", 'a string such as "04." or ""', prefix);
  loadPending(prefix);
  return [...registry.values()].filter((e) => e.id.startsWith(prefix)).sort((a, b) => compareIds(a.id, b.id));
}

function compareIds(a: string, b: string): number {
  const [na, ia] = a.split(".").map(Number);
  const [nb, ib] = b.split(".").map(Number);
  return (na ?? 0) - (nb ?? 0) || (ia ?? 0) - (ib ?? 0);
}

/**
 * Grades an answer without printing. Never throws: an unknown id or a grader
 * that throws (say, the learner's function threw) is a failed verdict.
 */
export function grade(id: string, answer: unknown): Verdict {
  if (typeof id === "string") loadPending(id);
  const exercise = registry.get(id);
  if (!exercise) return { status: "fail", hint: `unknown exercise id ${describe(id)}` };
  if (answer === undefined) return TODO;
  try {
    return exercise.grade(answer);
  } catch (error) {
    return { status: "fail", hint: `checking your answer threw: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The line `check` prints for a verdict. */
export function formatVerdict(exercise: Pick<Exercise, "id" | "title">, verdict: Verdict): string {
  const where = "exercises.formatVerdict";
  object(where, "exercise", exercise);
  oneOf(where, "verdict.status", object<Verdict>(where, "verdict", verdict).status, ["pass", "fail", "todo"] as const);
  if (verdict.status === "pass") {
    return `✓ ${exercise.id} ${exercise.title}${verdict.message ? ` — ${verdict.message}` : ""}`;
  }
  return `✗ ${exercise.id} ${exercise.title} — ${verdict.hint}`;
}

/**
 * The MIME type of the structured verdict a check sends in a kernel, next
 * to the `text/plain` line. Graders read this, never printed text.
 */
export const VERDICT_MIME = "application/vnd.tradeoff-lab.verdict+json";

/** The JSON a check sends under {@link VERDICT_MIME}. */
export interface VerdictRecord {
  readonly id: string;
  readonly title: string;
  readonly status: Verdict["status"];
  /** The hint of a failed or unfinished answer, or the message of a pass. */
  readonly message: string;
  /** The answer itself when it is plain data (not a function), so a grader can grade it again in its own process. */
  readonly answer?: unknown;
}

/**
 * Grades an answer and shows ✓ or ✗ with a specific hint. Never throws.
 * In a tslab kernel the line is sent as one `display_data` with the
 * structured verdict under {@link VERDICT_MIME}; elsewhere it is printed.
 * @param id the exercise id shown in the notebook, e.g. `"04.1"`
 * @param answer the learner's answer; `undefined` means not done yet
 * Returns nothing, so tslab (which prints a cell's last value) shows only the line;
 * use {@link grade} for the verdict as a value.
 * @example check("04.5", 19 / 27) // prints "✓ 04.5 k-staleness for N=3, R=W=1, k=3"
 */
export function check(id: string, answer: unknown): void {
  report(id, grade(id, answer), answer);
}

/**
 * What a generated check cell calls: {@link check}, with the answer read
 * through `read`. When the answer cell did not compile or threw, tslab never
 * declared its variable; reading it then throws a ReferenceError, which
 * becomes a ✗ naming the type the exercise expects. Never throws.
 * @param id the exercise id, e.g. `"04.1"`
 * @param read returns the answer variable, e.g. `() => answer041`
 * @param expects the answer's type as the learner stub declares it, without `| undefined`, e.g. `"string"`
 * @example checkCell("04.5", () => 19 / 27, "number") // prints "✓ 04.5 k-staleness for N=3, R=W=1, k=3"
 */
export function checkCell(id: string, read: () => unknown, expects: string): void {
  let answer: unknown;
  try {
    answer = read();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const hint = `your answer cell did not run (${why}): fix the error shown under it; exercise ${typeof id === "string" ? id : formatValue(id)} expects ${typeof expects === "string" ? expects : "the type in its stub"}`;
    if (typeof id === "string") loadPending(id);
    report(id, registry.has(id) ? { status: "fail", hint } : grade(id, undefined), undefined);
    return;
  }
  check(id, answer);
}

function report(id: string, verdict: Verdict, answer: unknown): void {
  results.set(id, verdict.status);
  const exercise = registry.get(id) ?? { id: typeof id === "string" ? id : formatValue(id), title: "(unknown exercise)" };
  const line = formatVerdict(exercise, verdict);
  const record: VerdictRecord = {
    id,
    title: exercise.title,
    status: verdict.status,
    message: verdict.status === "pass" ? (verdict.message ?? "") : verdict.hint,
    ...(isJsonLike(answer) ? { answer } : {}),
  };
  if (!displayData({ "text/plain": line, [VERDICT_MIME]: record })) console.log(line);
}

/**
 * Prints how many of a notebook's exercises have passed in this kernel
 * session, e.g. `Exercises in 04: 2 of 4 done (04.3, 04.4 to go)`.
 * @param notebook the notebook's number, e.g. `"04"`
 */
export function progress(notebook: string): void {
  if (typeof notebook !== "string") throw typeError("exercises.progress", "notebook", 'a notebook number such as "04"', notebook);
  const ids = list(`${notebook}.`).map((e) => e.id);
  const done = ids.filter((id) => results.get(id) === "pass");
  const todo = ids.filter((id) => results.get(id) !== "pass");
  console.log(
    `Exercises in ${notebook}: ${done.length} of ${ids.length} done${todo.length ? ` (${todo.join(", ")} to go)` : " 🎉"}`,
  );
}

// --- graders: each returns an Exercise's `grade` function ---

/** A known wrong answer and the hint it deserves. */
export interface Mistake {
  readonly value: number;
  readonly hint: string;
}

/**
 * Grades a number against an expected value with a relative tolerance
 * (default 0.5%), recognising known mistakes within the same tolerance.
 */
export function numberAnswer(
  expected: number,
  options: { relativeTolerance?: number; absoluteTolerance?: number; mistakes?: readonly Mistake[]; hint?: string } = {},
): (answer: unknown) => Verdict {
  const rel = options.relativeTolerance ?? 0.005;
  const abs = options.absoluteTolerance ?? 0;
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= Math.max(abs, rel * Math.abs(y));
  return (answer) => {
    if (typeof answer !== "number" || !Number.isFinite(answer)) {
      return { status: "fail", hint: `expected a finite number, got ${describe(answer)}` };
    }
    if (close(answer, expected)) return { status: "pass" };
    const mistake = options.mistakes?.find((m) => close(answer, m.value));
    if (mistake) return { status: "fail", hint: mistake.hint };
    const direction = answer < expected ? "too low" : "too high";
    return { status: "fail", hint: `${answer} is ${direction}${options.hint ? `: ${options.hint}` : ""}` };
  };
}

/**
 * Grades a multiple choice. `explanations` maps each option to why it is
 * right or wrong; a wrong choice prints its own explanation as the hint.
 */
export function choiceAnswer(correct: string, explanations: Readonly<Record<string, string>>): (answer: unknown) => Verdict {
  const options = Object.keys(explanations);
  return (answer) => {
    if (typeof answer !== "string" || !options.includes(answer.trim().toLowerCase())) {
      return { status: "fail", hint: `choose one of ${options.map((o) => `"${o}"`).join(", ")}, got ${describe(answer)}` };
    }
    const choice = answer.trim().toLowerCase();
    if (choice === correct) return { status: "pass", message: explanations[choice] ?? "" };
    return { status: "fail", hint: `not ${choice}: ${explanations[choice] ?? ""}` };
  };
}

/** A test case for a function the learner implements. */
export interface FunctionCase {
  readonly args: readonly unknown[];
  readonly expected: unknown;
  /** Relative tolerance for numeric results (default exact). */
  readonly tolerance?: number;
}

/** Grades a learner's function by calling it on cases; the hint names the first failing case. */
export function functionAnswer(cases: readonly FunctionCase[]): (answer: unknown) => Verdict {
  return (answer) => {
    if (typeof answer !== "function") return { status: "fail", hint: `expected a function, got ${describe(answer)}` };
    for (const c of cases) {
      const call = `f(${c.args.map((a) => JSON.stringify(a)).join(", ")})`;
      let got: unknown;
      try {
        got = (answer as (...args: unknown[]) => unknown)(...c.args);
      } catch (error) {
        return { status: "fail", hint: `${call} threw ${error instanceof Error ? error.message : String(error)}` };
      }
      if (!same(got, c.expected, c.tolerance ?? 0)) {
        return { status: "fail", hint: `${call} returned ${describe(got)}, expected ${describe(c.expected)}` };
      }
    }
    return { status: "pass", message: `passes ${cases.length} cases` };
  };
}

/** Grades with a custom rule: return undefined to pass, or the hint. */
export function ruleAnswer(rule: (answer: unknown) => string | undefined): (answer: unknown) => Verdict {
  return (answer) => {
    const hint = rule(answer);
    return hint === undefined ? { status: "pass" } : { status: "fail", hint };
  };
}

function same(got: unknown, expected: unknown, tolerance: number): boolean {
  if (typeof got === "number" && typeof expected === "number") {
    if (!Number.isFinite(got) || !Number.isFinite(expected)) return Object.is(got, expected);
    return got === expected || Math.abs(got - expected) <= tolerance * Math.abs(expected);
  }
  return JSON.stringify(got) === JSON.stringify(expected);
}

function describe(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return "an object";
  }
}
