import type { TJobDeps, TJobStep } from "./deps";
import { UPDATE_PROJECT_STORAGE, createUpdateProjectStorage, runUpdateProjectStorage } from "./functions/update-project-storage";

/** Every scheduled function, built on the given dependencies (served at /api/inngest). */
export function createFunctions(deps: TJobDeps) {
  return [createUpdateProjectStorage(deps)];
}

/** The same jobs as plain functions, for `npm run job -- <name>`. */
export const JOBS: Record<string, (deps: TJobDeps, step: TJobStep) => Promise<unknown>> = {
  [UPDATE_PROJECT_STORAGE]: runUpdateProjectStorage,
};
