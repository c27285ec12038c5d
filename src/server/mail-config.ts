import "server-only";
import { env } from "@/env.js";
import { createMailer, type TMailer } from "./integrations/mailer";

const store = globalThis as unknown as { __servelinkMailer?: TMailer | null };

/** The app's mailer from SMTP_URL (one transport per process), or null. */
export function getMailer(): TMailer | null {
  if (store.__servelinkMailer === undefined) store.__servelinkMailer = createMailer(env.SMTP_URL, env.BASE_URL);
  return store.__servelinkMailer;
}
