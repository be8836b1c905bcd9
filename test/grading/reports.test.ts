import { strict as assert } from "node:assert";
import { feedbackHtml } from "../../src/grading/feedback";
import { learnerGrades } from "../../src/grading/gradebook";
import { gradesJson, gradesJunit } from "../../src/grading/reports";
import { gradebookCsv } from "../../src/grading/gradebook";

const grade = (earned: [number, number]) => ({
  notebook: "04-quorums-and-staleness",
  path: "04-quorums-and-staleness.ipynb",
  earned: earned[0] + earned[1],
  points: 3,
  exercises: [
    { id: "04.1", title: "choose <b>", points: 1, earned: earned[0], status: earned[0] ? ("pass" as const) : ("fail" as const), message: earned[0] ? "" : 'got "<script>\u0001"' },
    { id: "04.2", title: "p_s", points: 2, earned: earned[1], status: earned[1] ? ("pass" as const) : ("todo" as const), message: earned[1] ? "" : "not done yet" },
  ],
});
const learners = [learnerGrades("alice", [grade([1, 2])]), learnerGrades("bob", [grade([0, 0])]), learnerGrades("carol", [])];

describe("grading/reports, feedback and the gradebook CSV", () => {
  it("gradebookCsv() has a row per learner, points per exercise, notebook and learner totals; empty cells for a notebook not submitted", () => {
    assert.equal(
      gradebookCsv(learners),
      ["learner,04.1,04.2,04 total,total,max", "alice,1,2,3,3,3", "bob,0,0,0,0,3", "carol,,,,0,3", ""].join("\n"),
    );
  });

  it("gradesJunit() has a suite per learner's notebook and a failure per exercise not passed, escaped", () => {
    const xml = gradesJunit(learners);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="tradeoff-lab exercises" tests="4" failures="2">/);
    assert.ok(xml.includes('<testcase classname="bob.04-quorums-and-staleness" name="04.1 choose &lt;b&gt;">'));
    assert.ok(xml.includes('<failure type="fail" message="got &quot;&lt;script&gt;&quot;">'), "escaped, control characters dropped");
    assert.ok(xml.includes('<failure type="todo" message="not done yet">'));
  });

  it("gradesJson() round-trips the grades", () => {
    assert.deepEqual(JSON.parse(gradesJson(learners)), JSON.parse(JSON.stringify(learners)));
  });

  it("feedbackHtml() escapes every text from a notebook and shows the totals", () => {
    const page = feedbackHtml(learners[1]!);
    assert.ok(page.includes("Feedback for bob: 0 of 3 points"));
    assert.ok(page.includes("choose &lt;b&gt;") && page.includes("got &quot;&lt;script&gt;"));
    assert.ok(!page.includes("<script") && !page.includes("<b>"));
  });
});
