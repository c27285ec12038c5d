import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeError } from "./log";

describe("the error log", () => {
  it("logs a failed query by its statement, never its parameters", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "api_token_token_hash_key"'), { code: "23505" });
    const err = new DrizzleQueryError(
      'insert into "api_token" ("id", "token_hash") values ($1, $2)',
      ["tok_1", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
      cause,
    );
    const text = describeError(err);
    expect(text).toContain('insert into "api_token"');
    expect(text).toContain("2 parameters not logged");
    expect(text).toContain("[23505]: duplicate key value");
    expect(text).not.toContain("9f86d081884c7d659a2feaa0c55ad015");
    expect(text).not.toContain("tok_1");
  });

  it("keeps a plain error's message and where it came from", () => {
    const text = describeError(new TypeError("boom"));
    expect(text).toMatch(/^TypeError: boom\n\s+at /);
  });
});
