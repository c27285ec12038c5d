import { createAuthClient } from "better-auth/react";

/** better-auth in the browser: same origin, served under /api/auth. */
export const authClient = createAuthClient();
