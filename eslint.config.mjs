// The linter holds the layers of ../shared/STYLE.md as code (app → server/api → services → db and
// lib), and the guards of the libraries we build on. `npm run lint` runs it with zero warnings
// allowed, and prettier --check; `npm test` runs `npm run lint` first.
import js from "@eslint/js";
import inngest from "@inngest/eslint-plugin";
import prettier from "eslint-config-prettier";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

/** Imports a layer may not make, as `no-restricted-imports` patterns with the reason a maintainer reads. */
const NOT_SERVER = {
  regex: "^(@/server|(\\.\\./)+server)(/|$)",
  message: "lib/ and components/ are shared with the browser: they never import server/ (the API's types come through src/trpc/).",
};
const NOT_FRAMEWORK = {
  regex: "^(next|next/.*|@trpc/.*|react|react-dom|react/.*|(\\.\\./)+inngest(/.*)?|~/inngest/.*|.*/env\\.js|@/env\\.js)$",
  message: "services, integrations and db are framework-free: no next, @trpc/*, react, inngest/ or env.js (configuration comes in as arguments).",
};

export default tseslint.config(
  {
    ignores: ["node_modules/", ".next/", ".next-*/", ".data/", "dist/", "drizzle/", "e2e/artifacts/", "next-env.d.ts", "**/*.tmp.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.mjs", "*.js", "scripts/*.mjs"] }, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { drizzle, "@inngest": inngest },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@inngest/await-inngest-send": "error",
      "@inngest/no-nested-steps": "error",
      "@inngest/no-variable-mutation-in-step": "error",
    },
  },
  // The layers.
  {
    files: ["src/lib/**", "src/components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [NOT_SERVER] }] },
  },
  {
    files: [
      "src/server/services/**",
      "src/server/integrations/**",
      "src/server/db/**",
      "src/server/errors.ts",
      "src/server/log.ts",
      "src/server/follow-ups.ts",
    ],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [NOT_FRAMEWORK] }] },
  },
  // Plain JavaScript run by Node itself (server.mjs, the examples).
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", URL: "readonly" } },
  },
  prettier,
);
