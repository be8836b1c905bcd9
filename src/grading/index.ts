/**
 * Grading, as nbgrader does it: one notebook (`autograde`), a class's
 * submissions into a gradebook CSV (`gradebook`), a feedback page per
 * learner (`feedback`), JSON and JUnit XML (`reports`). Tooling for the
 * CLI (`tradeoff-lab grade`, `npm run exercises`); notebooks never load it.
 */
export { gradeNotebook, GradingError } from "./autograde";
export { expectedAnswerType } from "../notebookSources/source";
export type { ExerciseGrade, NotebookGrade, GradeOptions } from "./autograde";
export { gradeSubmissions, gradebookCsv, learnerGrades } from "./gradebook";
export type { LearnerGrades, GradebookOptions } from "./gradebook";
export { feedbackHtml } from "./feedback";
export { gradesJson, gradesJunit } from "./reports";
export { verdictsIn } from "./verdicts";
