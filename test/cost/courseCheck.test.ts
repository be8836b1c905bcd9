import { strict as assert } from "node:assert";
import { courseFindings } from "../../src/cost/courseCheck";

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} ≉ ${b}`);

// Each finding is checked against the course text §4 and REFERENCES.md "Prices".
describe("cost/courseCheck", () => {
  const findings = courseFindings();
  const get = (id: string) => {
    const f = findings.find((x) => x.id === id);
    assert.ok(f, `missing finding ${id}`);
    return f;
  };
  it("courseFindings() flags the $100K heading against the items' $303.5K as an error", () => {
    const f = get("inefficient-heading");
    assert.equal(f.courseFigure, 100_000);
    close(f.recomputedFigure, 303_500);
    assert.equal(f.severity, "error");
    assert.match(f.explanation, /\$303\.5K/);
  });
  it("courseFindings() flags the $30K heading against the items' $26.54K", () => {
    const f = get("optimized-heading");
    assert.equal(f.courseFigure, 30_000);
    close(f.recomputedFigure, 26_540);
    assert.equal(f.severity, "warning");
  });
  it("courseFindings() flags 150 TB compressed vs 100 + 50 + 400 = 550 TB priced, with the corrected total $26.14K", () => {
    const f = get("tiered-volume");
    assert.equal(f.courseFigure, 150);
    assert.equal(f.recomputedFigure, 550);
    assert.equal(f.severity, "error");
    assert.match(f.explanation, /\$26\.14K/);
  });
  it("courseFindings() notes 3× compression of 500 TB is 166.7 TB, not 150 TB", () => {
    close(get("compression-ratio").recomputedFigure, 500 / 3);
  });
  it("courseFindings() checks each implied tier rate against the snapshot: hot $2,250, warm $625, cold $1,440 (Deep Archive $396)", () => {
    close(get("hot-rate").recomputedFigure, 2_250);
    close(get("warm-rate").recomputedFigure, 625);
    close(get("cold-rate").recomputedFigure, 1_440);
    assert.match(get("cold-rate").explanation, /\$396/);
  });
  it("courseFindings() confirms 240 h = 8 h × 30 d, $0.15 = 70% off $0.50, $0.20 = 60% off, and the 91% saving", () => {
    assert.equal(get("batch-hours").courseFigure, 240);
    close(get("batch-hours").recomputedFigure, 8 * (730 / 24));
    close(get("spot-discount").recomputedFigure, 0.7);
    assert.equal(get("spot-discount").severity, "ok");
    close(get("reserved-discount").recomputedFigure, 0.6);
    close(get("saving").recomputedFigure, 1 - 26_540 / 303_500);
    assert.match(get("saving").explanation, /only 70%/);
  });
  it("courseFindings() confirms the line arithmetic: $292K, $11.5K, $14.4K, $3.3K, $5,840, $26.54K", () => {
    close(get("inefficient-compute").recomputedFigure, 292_000);
    close(get("inefficient-storage").recomputedFigure, 11_500);
    close(get("spot-compute").recomputedFigure, 14_400);
    close(get("storage-total").recomputedFigure, 3_300);
    close(get("reserved-compute").recomputedFigure, 5_840);
    close(get("optimized-total").recomputedFigure, 26_540);
  });
  it("courseFindings() gives every finding finite figures and an explanation, with unique ids", () => {
    assert.equal(new Set(findings.map((f) => f.id)).size, findings.length);
    for (const f of findings) {
      assert.ok(Number.isFinite(f.courseFigure) && Number.isFinite(f.recomputedFigure), f.id);
      assert.ok(f.explanation.length > 20, f.id);
    }
  });
  it("courseFindings(null) throws", () => {
    assert.throws(() => courseFindings(null as never), { name: "TypeError", message: "cost.courseFindings: book must be an object, got null" });
  });
});
