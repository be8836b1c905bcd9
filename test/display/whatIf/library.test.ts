import { strict as assert } from "node:assert";
import * as library from "../../../src";
import * as builders from "../../../src/display/builders";
import * as viewLibrary from "../../../src/display/whatIf/library";

describe("viewLibrary (what a what-if view receives)", () => {
  it("has every domain namespace of the public library, with the same members, and not the notebook's own tools (exercises, parameters)", () => {
    const expected = Object.keys(library).filter((k) => !["exercises", "parameters", "display"].includes(k)).sort();
    const actual = Object.keys(viewLibrary).filter((k) => k !== "display").sort();
    assert.deepEqual(actual, expected);
    for (const name of expected) {
      const ours = (viewLibrary as unknown as Record<string, Record<string, unknown>>)[name] ?? {};
      const theirs = (library as unknown as Record<string, Record<string, unknown>>)[name] ?? {};
      assert.deepEqual(Object.keys(ours).sort(), Object.keys(theirs).sort(), name);
      for (const member of Object.keys(theirs)) assert.equal(ours[member], theirs[member], `${name}.${member}`);
    }
  });

  it("display holds the builders and formatters, each the public function itself, and nothing that sends output", () => {
    for (const [name, fn] of Object.entries(builders)) assert.equal(fn, (library.display as Record<string, unknown>)[name], name);
    for (const sender of ["show", "plotlyInit", "setSink", "whatIf"]) assert.ok(!(sender in viewLibrary.display), sender);
  });
});
