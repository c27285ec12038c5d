import { describe, expect, it } from "vitest";
import { ZProjectSlugSchema, ZTeamSlugSchema, slugify } from "./slug";

describe("team slugs", () => {
  it("accept 3 to 40 characters of a-z, 0-9 and -", () => {
    expect(ZTeamSlugSchema.parse("acme")).toBe("acme");
    expect(ZTeamSlugSchema.parse("  My-Team-2 ")).toBe("my-team-2");
    expect(ZTeamSlugSchema.safeParse("ab").success).toBe(false);
    expect(ZTeamSlugSchema.safeParse("a".repeat(41)).success).toBe(false);
    expect(ZTeamSlugSchema.safeParse("acme_corp").success).toBe(false);
  });

  it("refuse reserved words such as callback, new and api", () => {
    for (const word of ["callback", "new", "api"]) {
      const result = ZTeamSlugSchema.safeParse(word);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/reserved/);
    }
  });
});

describe("slugify", () => {
  it("turns names into slugs, dropping accents", () => {
    expect(slugify("Acme Corp")).toBe("acme-corp");
    expect(slugify("  Équipe déploiement! ")).toBe("equipe-deploiement");
    expect(ZProjectSlugSchema.parse(slugify("My API v2"))).toBe("my-api-v2");
  });
});
