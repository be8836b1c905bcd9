/**
 * Grading a class: a submissions folder in nbgrader's layout,
 * `submitted/<learner>/<notebook>.ipynb`, into a gradebook (learner ×
 * exercise, with totals per notebook and per learner), written as CSV.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { integer } from "../internal/errors";
import { pool } from "../internal/pool";
import { listNotebooks } from "../runner/notebook";
import { GradingError, gradeNotebook, type GradeOptions, type NotebookGrade } from "./autograde";

/** One learner's grades. */
export interface LearnerGrades {
  readonly learner: string;
  readonly notebooks: readonly NotebookGrade[];
  /** Files that could not be graded, with the reason. */
  readonly problems: readonly { path: string; message: string }[];
  readonly earned: number;
  readonly points: number;
}

/** Options of {@link gradeSubmissions}. */
export interface GradebookOptions extends GradeOptions {
  /** Notebooks graded at the same time, each on its own kernel (default 1). */
  readonly jobs?: number;
  /** Called as each notebook is graded. */
  readonly onGraded?: (learner: string, grade: NotebookGrade | { path: string; message: string }) => void;
}

/** Sums a learner's notebooks. */
export function learnerGrades(learner: string, notebooks: readonly NotebookGrade[], problems: readonly { path: string; message: string }[] = []): LearnerGrades {
  const sorted = [...notebooks].sort((a, b) => a.notebook.localeCompare(b.notebook));
  return {
    learner,
    notebooks: sorted,
    problems,
    earned: sorted.reduce((s, n) => s + n.earned, 0),
    points: sorted.reduce((s, n) => s + n.points, 0),
  };
}

/**
 * Grades every learner's notebooks in a submissions folder
 * (`<root>/<learner>/<notebook>.ipynb`; executed copies and hidden files
 * are skipped), `jobs` notebooks at a time.
 * @param root the submissions folder, e.g. `submitted/`
 * @param options jobs (integer >= 1), per-cell timeout, progress callback
 * @returns one entry per learner folder, in name order
 * @example (await gradeSubmissions("submitted", { jobs: 2 })).map((l) => [l.learner, l.earned]) // [["alice", 14], ["bob", 0]] for two learners
 */
export async function gradeSubmissions(root: string, options: GradebookOptions = {}): Promise<LearnerGrades[]> {
  const jobs = integer("grading.gradeSubmissions", "jobs", options.jobs ?? 1, { min: 1 });
  const learners = readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(join(root, name)).isDirectory())
    .sort();
  const tasks = learners.flatMap((learner) => listNotebooks(join(root, learner)).map((path) => ({ learner, path })));
  const graded = new Map<string, NotebookGrade[]>(learners.map((l) => [l, []]));
  const problems = new Map<string, { path: string; message: string }[]>(learners.map((l) => [l, []]));
  await pool(tasks, jobs, async ({ learner, path }) => {
    try {
      const grade = await gradeNotebook(path, options);
      graded.get(learner)?.push(grade);
      options.onGraded?.(learner, grade);
    } catch (error) {
      if (!(error instanceof GradingError)) throw error;
      const problem = { path, message: error.message };
      problems.get(learner)?.push(problem);
      options.onGraded?.(learner, problem);
    }
  });
  return learners.map((l) => learnerGrades(l, graded.get(l) ?? [], problems.get(l) ?? []));
}

/**
 * The gradebook as CSV: one row per learner; a column per exercise (points
 * earned, empty when the notebook was not submitted), a total per
 * notebook, the learner's total and the points available.
 * @example gradebookCsv([learnerGrades("carol", [])]) // => "learner,total,max\ncarol,0,0\n"
 */
export function gradebookCsv(learners: readonly LearnerGrades[]): string {
  const columns = new Map<string, { notebook: string; points: number }[]>();
  for (const learner of learners) {
    for (const nb of learner.notebooks) {
      if (!columns.has(nb.notebook)) columns.set(nb.notebook, nb.exercises.map((e) => ({ notebook: e.id, points: e.points })));
    }
  }
  const notebooks = [...columns.keys()].sort();
  const header = ["learner", ...notebooks.flatMap((n) => [...(columns.get(n) ?? []).map((c) => c.notebook), `${n.slice(0, 2)} total`]), "total", "max"];
  const max = notebooks.reduce((s, n) => s + (columns.get(n) ?? []).reduce((t, c) => t + c.points, 0), 0);
  const rows = learners.map((learner) => {
    const row: (string | number)[] = [learner.learner];
    for (const n of notebooks) {
      const grade = learner.notebooks.find((g) => g.notebook === n);
      for (const column of columns.get(n) ?? []) row.push(grade ? (grade.exercises.find((e) => e.id === column.notebook)?.earned ?? 0) : "");
      row.push(grade ? grade.earned : "");
    }
    row.push(learner.earned, max);
    return row;
  });
  return stringify([header, ...rows]);
}

