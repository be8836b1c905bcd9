/**
 * Machine-readable results of a grading run: JSON, and JUnit XML for CI
 * (one test suite per learner's notebook, one test case per exercise; a
 * failed or unfinished exercise is a failure).
 */
import { escapeHtml } from "../display/html";
import type { LearnerGrades } from "./gradebook";

/**
 * The grades as JSON: per learner, per notebook, per exercise, with totals.
 * @example JSON.parse(gradesJson([learnerGrades("carol", [])]))[0].earned // => 0
 */
export function gradesJson(learners: readonly LearnerGrades[]): string {
  return `${JSON.stringify(learners, null, 2)}\n`;
}

/** Text for XML content and attributes: HTML's escapes are XML's too; XML 1.0 allows no control characters but tab, newline and CR. */
function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

/**
 * The grades as JUnit XML.
 * @example gradesJunit([learnerGrades("carol", [])]).split("\n")[1] // => '<testsuites name="tradeoff-lab exercises" tests="0" failures="0">'
 */
export function gradesJunit(learners: readonly LearnerGrades[]): string {
  const suites = learners.flatMap((learner) =>
    learner.notebooks.map((nb) => {
      const failures = nb.exercises.filter((e) => e.status !== "pass").length;
      const cases = nb.exercises.map((e) => {
        const name = `${xml(e.id)} ${xml(e.title)}`;
        const open = `    <testcase classname="${xml(`${learner.learner}.${nb.notebook}`)}" name="${name}">`;
        if (e.status === "pass") return `${open}</testcase>`;
        return `${open}\n      <failure type="${e.status}" message="${xml(e.message)}">${xml(`${e.id}: ${e.message} (0 of ${e.points} points)`)}</failure>\n    </testcase>`;
      });
      return `  <testsuite name="${xml(`${learner.learner}/${nb.notebook}`)}" tests="${nb.exercises.length}" failures="${failures}">\n${cases.join("\n")}\n  </testsuite>`;
    }),
  );
  const tests = learners.reduce((s, l) => s + l.notebooks.reduce((t, n) => t + n.exercises.length, 0), 0);
  const failures = learners.reduce((s, l) => s + l.notebooks.reduce((t, n) => t + n.exercises.filter((e) => e.status !== "pass").length, 0), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tradeoff-lab exercises" tests="${tests}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}
