/**
 * Grading one notebook, as nbgrader's autograder does: the learner's
 * answers are put into the project's own copy of the notebook, so every
 * other cell — parameters, the checks, the prose — comes from the project
 * and an edited check cell counts for nothing. The notebook then runs on
 * a fresh tslab kernel from the project's `notebooks/` folder (so a copy
 * kept anywhere grades the same), and each exercise's verdict is read from
 * the structured output of its check cell, never from printed text. An
 * answer that is plain data (a number, a choice, a configuration) is
 * graded again in this process, with the project's grader, so code in an
 * answer cell that tampers with the kernel (`Math.abs = () => 0`) cannot
 * turn its own ✗ into ✓; a function answer is graded in the kernel only.
 *
 * Points per exercise are declared in the workbook sources
 * (`// %% [exercise] id="04.1" points=2`).
 */
import { basename } from "node:path";
import { grade as regrade, list } from "../exercises";
import { notebookDirectory, readSources } from "../notebookSources/files";
import { buildNotebook, CHECK_CALLS, expectedAnswerType, type WorkbookSource } from "../notebookSources/source";
import { RunnerError } from "../runner/errors";
import { executeNotebookObject } from "../runner/execute";
import { joinSource, readNotebook, type Cell, type CodeCell, type ErrorOutput, type Notebook } from "../runner/notebook";
import { verdictsIn } from "./verdicts";

/** The grade of one exercise. */
export interface ExerciseGrade {
  readonly id: string;
  readonly title: string;
  /** What the exercise is worth. */
  readonly points: number;
  /** `points` when it passes, else 0. */
  readonly earned: number;
  readonly status: "pass" | "fail" | "todo";
  /** The hint of a failure, or the message of a pass. */
  readonly message: string;
}

/** The grade of one notebook. */
export interface NotebookGrade {
  /** The workbook notebook it was graded as, e.g. `04-quorums-and-staleness`. */
  readonly notebook: string;
  /** The file graded. */
  readonly path: string;
  readonly exercises: readonly ExerciseGrade[];
  readonly earned: number;
  readonly points: number;
}

/** A file that cannot be graded (not a workbook notebook). */
export class GradingError extends RunnerError {
  override name = "GradingError";
  constructor(
    message: string,
    /** The file. */
    readonly path: string,
  ) {
    super(message);
  }
}

/** Options of {@link gradeNotebook}. */
export interface GradeOptions {
  /** Per-cell timeout, ms (default 60 000). */
  readonly cellTimeoutMs?: number;
  /** The workbook sources (default: the project's `workbook/`). */
  readonly sources?: readonly WorkbookSource[];
}

let projectSources: WorkbookSource[] | undefined;

function exerciseIdOf(cell: Cell): string | undefined {
  const meta = cell.metadata["exercise"] as { id?: unknown } | undefined;
  return typeof meta?.id === "string" ? meta.id : undefined;
}

/**
 * The workbook notebook a file is a copy of: by its file name, else by the
 * exercise ids in its cells (a renamed copy).
 */
function sourceFor(path: string, nb: Notebook, sources: readonly WorkbookSource[]): WorkbookSource {
  const slug = basename(path).replace(/\.ipynb$/, "");
  const byName = sources.find((s) => s.slug === slug);
  if (byName) return byName;
  const ids = nb.cells.map(exerciseIdOf).filter((id): id is string => id !== undefined);
  const bySource = ids.length > 0 ? sources.find((s) => s.cells.some((c) => c.kind === "exercise" && c.id === ids[0])) : undefined;
  if (bySource) return bySource;
  throw new GradingError(
    `${path} is not a workbook notebook: grade a copy of one of notebooks/*.ipynb, named as there (e.g. ${sources[4]?.slug ?? "04-quorums-and-staleness"}.ipynb), with its exercise cells`,
    path,
  );
}

/** The learner's answer cell for an exercise: by exercise metadata, else by the generated cell id. */
function answerCell(submitted: Notebook, id: string, cellId: string): CodeCell | undefined {
  const code = submitted.cells.filter((c): c is CodeCell => c.cell_type === "code");
  return code.find((c) => exerciseIdOf(c) === id) ?? code.find((c) => c.id === cellId);
}

function firstError(cell: CodeCell | undefined): ErrorOutput | undefined {
  return cell?.outputs.find((o): o is ErrorOutput => o.output_type === "error");
}

/** Why an exercise has no verdict: its answer cell failed, or its check did. */
function missingVerdict(id: string, answer: CodeCell | undefined, check: CodeCell | undefined, expected: string | undefined): string {
  const failed = firstError(answer);
  if (failed) {
    if (failed.ename === "TypeScriptError") {
      const at = /^(\d+):\d+ - /.exec(failed.traceback[0] ?? "");
      return `your answer does not compile${at ? ` (line ${at[1]})` : ""}: ${failed.evalue}${expected ? ` — exercise ${id} expects ${expected}` : ""}`;
    }
    return `your answer cell failed: ${failed.ename}: ${failed.evalue.split("\n")[0] ?? ""}`;
  }
  const broken = firstError(check);
  if (broken) return `its check could not run: ${broken.ename}: ${broken.evalue.split("\n")[0] ?? ""}`;
  return "its check did not run (an earlier cell stopped the notebook)";
}

/**
 * Grades one notebook: the learner's answers in the project's copy, run on
 * a fresh kernel, verdicts from the check cells' structured output.
 * @param path a copy of one of the workbook's notebooks (anywhere; named as in notebooks/, or with its exercise cells)
 * @param options per-cell timeout, sources
 * @returns each exercise's status, message and points, with the notebook's total
 * @throws GradingError when the file is not a copy of a workbook notebook
 * @example (await gradeNotebook("submitted/alice/04-quorums-and-staleness.ipynb")).earned // 14 when every answer is right
 */
export async function gradeNotebook(path: string, options: GradeOptions = {}): Promise<NotebookGrade> {
  const sources = options.sources ?? (projectSources ??= readSources());
  const submitted = readNotebook(path);
  const source = sourceFor(path, submitted, sources);
  const project = buildNotebook(source, "learner");
  const exerciseCells = source.cells.filter((c) => c.kind === "exercise");
  for (const cell of project.cells) {
    const id = exerciseIdOf(cell);
    if (id === undefined || cell.cell_type !== "code") continue;
    const answer = answerCell(submitted, id, cell.id);
    if (answer) cell.source = joinSource(answer.source);
  }
  const result = await executeNotebookObject(project, { cwd: notebookDirectory, allowErrors: true, cellTimeoutMs: options.cellTimeoutMs ?? 60_000 });
  const ran = result.notebook.cells.filter((c): c is CodeCell => c.cell_type === "code");
  const titles = new Map(list(`${source.slug.slice(0, 2)}.`).map((e) => [e.id, e.title]));
  const exercises = exerciseCells.map((cell): ExerciseGrade => {
    const id = cell.id as string;
    const points = cell.points ?? 1;
    const at = ran.findIndex((c) => exerciseIdOf(c) === id);
    const answer = ran[at];
    // The check is the project's own next cell that calls exercises.check(id, …) or checkCell(id, …).
    const check = ran.slice(at + 1).find((c) => CHECK_CALLS.some((call) => joinSource(c.source).includes(`exercises.${call}(${JSON.stringify(id)}`)));
    const verdict = check ? verdictsIn(check.outputs).filter((v) => v.id === id).at(-1) : undefined;
    const title = verdict?.title ?? titles.get(id) ?? "";
    // A failed answer cell is told with tslab's own message, more precise than the check's.
    if (!verdict || firstError(answer) !== undefined) return { id, title, points, earned: 0, status: "fail", message: missingVerdict(id, answer, check, expectedAnswerType(cell)) };
    const again = "answer" in verdict ? regrade(id, verdict.answer) : undefined;
    const status = again?.status ?? verdict.status;
    const message = again ? (again.status === "pass" ? (again.message ?? "") : again.hint) : verdict.message;
    return { id, title, points, earned: status === "pass" ? points : 0, status, message };
  });
  return {
    notebook: source.slug,
    path,
    exercises,
    earned: exercises.reduce((s, e) => s + e.earned, 0),
    points: exercises.reduce((s, e) => s + e.points, 0),
  };
}
