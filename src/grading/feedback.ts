/**
 * The feedback page a learner gets back (nbgrader's "feedback"): each
 * notebook's exercises with ✓ or ✗, the hint, and the points. Every text
 * from a notebook is escaped.
 */
import { escapeHtml } from "../display/html";
import type { LearnerGrades } from "./gradebook";

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
td.points{text-align:right;white-space:nowrap}.pass{color:#1a7f37}.fail{color:#b42318}.todo{color:#8a6d00}`;

const MARK = { pass: "✓", fail: "✗", todo: "…" } as const;

/**
 * A self-contained HTML page with a learner's grades.
 * @param grades the learner's graded notebooks
 * @returns the page
 * @example feedbackHtml(learnerGrades("<carol>", [])).includes("Feedback for &lt;carol&gt;: 0 of 0 points") // => true
 */
export function feedbackHtml(grades: LearnerGrades): string {
  const sections = grades.notebooks.map((nb) => {
    const rows = nb.exercises.map(
      (e) =>
        `<tr class="${e.status}"><td>${MARK[e.status]} ${escapeHtml(e.id)}</td><td>${escapeHtml(e.title)}${e.message ? `<br><small>${escapeHtml(e.message)}</small>` : ""}</td><td class="points">${e.earned} / ${e.points}</td></tr>`,
    );
    return `<h2>${escapeHtml(nb.notebook)} — ${nb.earned} of ${nb.points} points</h2>
<table><thead><tr><th>exercise</th><th>feedback</th><th>points</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
  });
  const problems = grades.problems.map((p) => `<li>${escapeHtml(p.message)}</li>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback for ${escapeHtml(grades.learner)}</title><style>${STYLE}</style></head>
<body><h1>Feedback for ${escapeHtml(grades.learner)}: ${grades.earned} of ${grades.points} points</h1>
${problems.length > 0 ? `<p>Not graded:</p><ul>${problems.join("")}</ul>\n` : ""}${sections.join("\n")}
</body></html>
`;
}
