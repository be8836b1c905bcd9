/**
 * `tradeoff-lab grade` and `tradeoff-lab exercises` (`npm run exercises`):
 * grading as nbgrader does it (src/grading/).
 *
 *     tradeoff-lab grade submitted/ --out gradebook.csv --feedback feedback/ --jobs 2
 *     tradeoff-lab exercises                      # your own notebooks/*.ipynb
 *     tradeoff-lab exercises my-copy.ipynb --json grades.json --junit grades.xml
 *
 * Exit codes: 0 every exercise passes; 1 some exercise did not pass, or a
 * file could not be graded (the reports are written all the same); 2 bad
 * usage (nothing graded).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { Command, Option } from "commander";
import { GradingError, gradeNotebook, type NotebookGrade } from "../grading/autograde";
import { feedbackHtml } from "../grading/feedback";
import { gradebookCsv, gradeSubmissions, learnerGrades, type LearnerGrades } from "../grading/gradebook";
import { gradesJson, gradesJunit } from "../grading/reports";
import { pool } from "../internal/pool";
import { notebookDirectory } from "../notebookSources/files";
import { listNotebooks } from "../runner/notebook";
import { UsageError } from "./arguments";
import type { CliIo } from "./io";
import { positiveInteger, positiveNumber } from "./run";

/** Exit code when some exercise did not pass or a file could not be graded. */
export const EXIT_NOT_PASSED = 1;

interface GradeFlags {
  json?: string;
  junit?: string;
  jobs: number;
  timeout: number;
}

const MARK = { pass: "✓", fail: "✗", todo: "✗" } as const;

/** The lines `exercises` prints for a graded notebook. */
export function describeGrade(grade: NotebookGrade): string {
  const passed = grade.exercises.filter((e) => e.status === "pass").length;
  const lines = [`${basename(grade.path)}: ${grade.earned} of ${grade.points} points, ${passed} of ${grade.exercises.length} exercises pass`];
  for (const e of grade.exercises) {
    lines.push(`  ${MARK[e.status]} ${e.id} ${e.title}${e.status === "pass" ? "" : ` — ${e.message}`} (${e.earned}/${e.points})`);
  }
  return `${lines.join("\n")}\n`;
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, text);
}

function writeReports(learners: readonly LearnerGrades[], flags: GradeFlags, io: CliIo): void {
  if (flags.json !== undefined) {
    writeFile(flags.json, gradesJson(learners));
    io.err(`wrote ${flags.json}\n`);
  }
  if (flags.junit !== undefined) {
    writeFile(flags.junit, gradesJunit(learners));
    io.err(`wrote ${flags.junit}\n`);
  }
}

function allPass(learners: readonly LearnerGrades[]): boolean {
  return learners.every((l) => l.problems.length === 0 && l.notebooks.every((n) => n.exercises.every((e) => e.status === "pass")));
}

function withGradeOptions(command: Command): Command {
  return command
    .option("--json <file>", "also write the grades as JSON")
    .option("--junit <file>", "also write the grades as JUnit XML (one test case per exercise)")
    .addOption(new Option("-j, --jobs <n>", "notebooks graded at the same time, each on its own kernel").default(1).argParser(positiveInteger))
    .addOption(new Option("--timeout <seconds>", "per-cell timeout").default(60).argParser(positiveNumber("--timeout")));
}

/** Your own notebooks: the arguments (files or folders), else the project's notebooks/. */
function ownNotebooks(args: readonly string[]): string[] {
  if (args.length === 0) return listNotebooks(notebookDirectory);
  return args.flatMap((a) => {
    if (!existsSync(a)) throw new UsageError(`tradeoff-lab exercises: ${a} does not exist`);
    return statSync(a).isDirectory() ? listNotebooks(a) : [a];
  });
}

async function exercisesCommand(args: string[], flags: GradeFlags, io: CliIo): Promise<number> {
  const paths = ownNotebooks(args);
  if (paths.length === 0) throw new UsageError(`tradeoff-lab exercises: no notebooks in ${args.join(", ") || notebookDirectory}`);
  const graded = new Map<string, NotebookGrade>();
  const problems: { path: string; message: string }[] = [];
  await pool(paths, flags.jobs, async (path) => {
    try {
      graded.set(path, await gradeNotebook(path, { cellTimeoutMs: flags.timeout * 1000 }));
    } catch (error) {
      if (!(error instanceof GradingError)) throw error;
      problems.push({ path, message: error.message });
    }
  });
  for (const path of paths) {
    const grade = graded.get(path);
    if (grade) io.out(`\n${describeGrade(grade)}`);
  }
  for (const p of problems) io.out(`\nnot graded: ${p.message}\n`);
  const learner = learnerGrades(userInfo().username, [...graded.values()], problems);
  io.out(`\n${learner.earned} of ${learner.points} points\n`);
  writeReports([learner], flags, io);
  return allPass([learner]) ? 0 : EXIT_NOT_PASSED;
}

async function gradeCommand(submissions: string, flags: GradeFlags & { out: string; feedback: string }, io: CliIo): Promise<number> {
  if (!existsSync(submissions) || !statSync(submissions).isDirectory()) {
    throw new UsageError(`tradeoff-lab grade: ${submissions} must be a submissions folder (<learner>/<notebook>.ipynb), and is not a folder`);
  }
  const learners = await gradeSubmissions(submissions, {
    jobs: flags.jobs,
    cellTimeoutMs: flags.timeout * 1000,
    onGraded: (learner, grade) => io.err("notebook" in grade ? `${learner}/${basename(grade.path)}: ${grade.earned} of ${grade.points} points\n` : `${learner}: not graded: ${grade.message}\n`),
  });
  if (learners.length === 0) throw new UsageError(`tradeoff-lab grade: ${submissions} holds no learner folders (<learner>/<notebook>.ipynb)`);
  writeFile(flags.out, gradebookCsv(learners));
  io.err(`wrote ${flags.out}\n`);
  mkdirSync(flags.feedback, { recursive: true });
  for (const learner of learners) writeFileSync(join(flags.feedback, `${learner.learner}.html`), feedbackHtml(learner));
  io.err(`wrote ${learners.length} feedback pages to ${flags.feedback}\n`);
  writeReports(learners, flags, io);
  return allPass(learners) ? 0 : EXIT_NOT_PASSED;
}

const EXIT_CODES = [
  "Exit codes: 0 every exercise passes; 1 some exercise did not pass, or a",
  "file could not be graded (the reports are written all the same); 2 bad",
  "usage (nothing graded).",
];

/** The `grade` command: a submissions folder into a gradebook. */
export function buildGradeCommand(io: CliIo, setExit: (code: number) => void): Command {
  const command = new Command("grade")
    .summary("grade a class's submissions into a gradebook CSV and feedback pages")
    .description(
      [
        "Grade every learner's notebooks in a submissions folder laid out as",
        "nbgrader's: <submissions>/<learner>/<notebook>.ipynb. Each notebook is",
        "graded as `tradeoff-lab exercises` grades one (the learner's answer",
        "cells in the project's own copy, verdicts from the checks' structured",
        "output); executed copies are skipped.",
        "",
        "Writes the gradebook (one row per learner: points per exercise, a",
        "total per notebook, the learner's total and the maximum) and one",
        "feedback page per learner (<feedback>/<learner>.html).",
        "",
        ...EXIT_CODES,
      ].join("\n"),
    )
    .argument("<submissions>", "the submissions folder, e.g. submitted/")
    .option("-o, --out <file.csv>", "the gradebook CSV", "gradebook.csv")
    .option("--feedback <dir>", "the folder for the feedback pages", "feedback");
  return withGradeOptions(command).action(async (submissions: string, flags: GradeFlags & { out: string; feedback: string }) => {
    setExit(await gradeCommand(submissions, flags, io));
  });
}

/** The `exercises` command (`npm run exercises`): grade your own notebooks. */
export function buildExercisesCommand(io: CliIo, setExit: (code: number) => void): Command {
  const command = new Command("exercises")
    .summary("grade the exercises in your own notebooks")
    .description(
      [
        "Grade the exercises in your own edited notebooks (default: every",
        "notebook in the project's notebooks/; executed copies are skipped).",
        "A copy kept elsewhere grades the same, if it keeps its file name (or",
        "its exercise cells). Only your answer cells are taken from the",
        "notebook: everything else, the checks included, comes from the",
        "project, and verdicts are read from the checks' structured output,",
        "never from printed text. Nothing is written unless --json or --junit.",
        "",
        ...EXIT_CODES,
      ].join("\n"),
    )
    .argument("[notebooks...]", "notebooks or folders (default: notebooks/)");
  return withGradeOptions(command).action(async (args: string[], flags: GradeFlags) => {
    setExit(await exercisesCommand(args, flags, io));
  });
}
