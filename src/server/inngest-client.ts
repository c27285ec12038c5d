import { Inngest } from "inngest";

/**
 * The Inngest client. Outside production it runs in dev mode (no signing key needed); no request
 * path of the app waits on an Inngest server.
 */
export const inngest = new Inngest({
  id: "servelink-console",
  isDev: process.env.INNGEST_DEV === "1" || (process.env.NODE_ENV !== "production" && !process.env.INNGEST_SIGNING_KEY),
});

/** Sent after a payment was started with its provider (spec 14.3); `reconcile-payment` follows it to its end. */
export const PAYMENT_INITIATED = "payment/initiated";
