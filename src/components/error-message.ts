import { TRPCClientError } from "@trpc/client";

/**
 * What to tell the user about a failed call: the server's own sentence when it answered (its
 * messages are written for people), otherwise the given fallback (the network or the server is down).
 */
export function describeError(error: unknown, fallback: string): string {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status && error.message) return error.message;
  }
  return fallback;
}
