import { describe, expect, it } from "vitest";
import { fillCannedReply } from "./canned-replies";

describe("canned replies' placeholders", () => {
  it("fills {{team}} and {{name}}, each time they appear, and leaves any other braces alone", () => {
    expect(fillCannedReply("Hello {{name}}, {{ team }} is active again. — {{name}}? {{other}}", { team: "Acme", name: "Bob" })).toBe(
      "Hello Bob, Acme is active again. — Bob? {{other}}",
    );
  });
  it("does not read a filled value as a placeholder", () => {
    expect(fillCannedReply("{{name}} / {{team}}", { team: "{{name}}", name: "$& x" })).toBe("$& x / {{name}}");
  });
});
