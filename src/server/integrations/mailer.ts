import nodemailer from "nodemailer";
import { logger } from "@/server/log";

export interface TMail {
  to: string[];
  subject: string;
  text: string;
  /** The language subject and text are written in (spec 14.6: the recipient's), sent as Content-Language. */
  locale?: string;
  /** Files sent with it (a receipt's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface TMailer {
  send(mail: TMail): Promise<void>;
  /** The console's public address, for the links a mail carries (a reminder's one-click top-up); none, no link. */
  consoleUrl?: string;
}

export const MAIL_FROM = "Servelink <no-reply@servelink.dev>";

/** An SMTP mailer for `SMTP_URL` (e.g. smtp://user:pass@host:587); null when there is none: nothing is sent. */
export function createMailer(smtpUrl: string | undefined, consoleUrl?: string): TMailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 });
  return {
    consoleUrl: consoleUrl?.replace(/\/+$/, ""),
    async send(mail) {
      if (mail.to.length === 0) return;
      await transport.sendMail({
        from: MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments,
        headers: mail.locale ? { "Content-Language": mail.locale } : undefined,
      });
    },
  };
}

/** Sends without ever failing the caller: a mail that cannot go out is logged (without its subject or body). */
export async function sendQuietly(mailer: TMailer | null | undefined, mail: TMail): Promise<boolean> {
  if (!mailer) return false;
  try {
    await mailer.send(mail);
    return true;
  } catch (err) {
    logger.error({ recipients: mail.to.length, error: err instanceof Error ? err.message : String(err) }, "an e-mail could not be sent");
    return false;
  }
}
