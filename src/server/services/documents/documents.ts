import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { clock } from "@/lib/clock";
import { DOCUMENT_TEXT } from "@/lib/document-text";
import { fromMinor } from "@/lib/money";
import type { Db } from "@/server/db/client";
import { document, teamMember, user } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { sendQuietly, type TMailer } from "@/server/integrations/mailer";
import { logError } from "@/server/log";
import type { TReceiptContent } from "./issue";
import { renderDocumentPdf } from "./pdf";
import type { TStatementContent } from "./statements";

/**
 * A team's documents (spec 16): listed newest first, downloaded as the PDF rendered once after
 * issue (rendered now if that has not happened yet, and kept), e-mailed to the billing e-mail (or
 * the owners and admins) once.
 */

type TDocumentRow = typeof document.$inferSelect;

export function toDocumentView(d: Pick<TDocumentRow, "number" | "kind" | "issuedAt" | "amountMinor" | "currency" | "paymentId" | "period" | "language">) {
  return {
    number: d.number,
    kind: d.kind,
    issued_at: d.issuedAt,
    amount: fromMinor(d.amountMinor, d.currency),
    amount_minor: d.amountMinor,
    currency: d.currency,
    payment_id: d.paymentId,
    period: d.period,
    language: d.language,
  };
}
export type TDocumentView = ReturnType<typeof toDocumentView>;

/** The team's documents, newest first. */
export async function listDocuments(db: Db, teamId: string, limit = 100): Promise<TDocumentView[]> {
  const rows = await db
    .select({
      number: document.number,
      kind: document.kind,
      issuedAt: document.issuedAt,
      amountMinor: document.amountMinor,
      currency: document.currency,
      paymentId: document.paymentId,
      period: document.period,
      language: document.language,
    })
    .from(document)
    .where(eq(document.teamId, teamId))
    .orderBy(desc(document.issuedAt), desc(document.number))
    .limit(Math.min(Math.max(limit, 1), 500));
  return rows.map(toDocumentView);
}

/** Renders a document's PDF and keeps it, unless it has one: the first bytes kept are the document's for good. */
async function ensureRendered(db: Db, d: Pick<TDocumentRow, "id" | "pdf" | "content">): Promise<Buffer> {
  if (d.pdf) return d.pdf;
  const bytes = await renderDocumentPdf(d.content as unknown as TReceiptContent | TStatementContent);
  const [kept] = await db
    .update(document)
    .set({ pdf: bytes, renderedAt: clock.now() })
    .where(and(eq(document.id, d.id), isNull(document.pdf)))
    .returning({ pdf: document.pdf });
  if (kept?.pdf) return kept.pdf;
  // Rendered meanwhile by another process: its bytes are the document's.
  const [stored] = await db.select({ pdf: document.pdf }).from(document).where(eq(document.id, d.id));
  return stored?.pdf ?? bytes;
}

/** One document of the team as a PDF, by its number; another team's is a 404. */
export async function getDocumentPdf(db: Db, teamId: string, number: string): Promise<{ number: string; pdf: Buffer }> {
  const [d] = await db
    .select({ id: document.id, number: document.number, pdf: document.pdf, content: document.content })
    .from(document)
    .where(and(eq(document.teamId, teamId), eq(document.number, number)))
    .limit(1);
  if (!d) throw new DomainError("NOT_FOUND", "Document not found.");
  return { number: d.number, pdf: await ensureRendered(db, d) };
}

/**
 * After the commit that issued them: renders the documents not rendered yet (of one team, or all)
 * and e-mails each once, with its PDF, to the team's billing e-mail, else its owners and admins.
 * Never throws: a document left unrendered is rendered at its download or the next run.
 */
export async function deliverDocuments(
  db: Db,
  mailer: TMailer | null | undefined,
  opts: { teamId?: string; limit?: number } = {},
): Promise<{ rendered: number; emailed: number }> {
  let rendered = 0;
  let emailed = 0;
  try {
    const pending = await db
      .select({
        id: document.id,
        teamId: document.teamId,
        number: document.number,
        kind: document.kind,
        pdf: document.pdf,
        content: document.content,
        language: document.language,
      })
      .from(document)
      .where(and(opts.teamId ? eq(document.teamId, opts.teamId) : undefined, mailer ? isNull(document.emailedAt) : isNull(document.pdf)))
      .orderBy(document.issuedAt)
      .limit(opts.limit ?? 200);
    for (const d of pending) {
      const pdf = await ensureRendered(db, d);
      if (!d.pdf) rendered++;
      if (!mailer) continue;
      // Claimed first: two deliveries at once send it once.
      const [claimed] = await db
        .update(document)
        .set({ emailedAt: clock.now() })
        .where(and(eq(document.id, d.id), isNull(document.emailedAt)))
        .returning({ id: document.id });
      if (!claimed) continue;
      const to = await recipientsOf(db, d.teamId, (d.content as { buyer?: { email?: string | null } }).buyer?.email ?? null);
      const t = DOCUMENT_TEXT[d.language];
      const title = d.kind === "receipt" ? t.receipt : t.statement;
      const sent = await sendQuietly(mailer, {
        to,
        subject: `[Servelink] ${title} ${d.number}`,
        text: `${title} ${d.number}`,
        locale: d.language,
        attachments: [{ filename: `${d.number}.pdf`, content: pdf, contentType: "application/pdf" }],
      });
      if (sent) emailed++;
    }
  } catch (err) {
    logError("rendering or e-mailing documents failed", err);
  }
  return { rendered, emailed };
}

async function recipientsOf(db: Db, teamId: string, billingEmail: string | null): Promise<string[]> {
  if (billingEmail) return [billingEmail];
  const rows = await db
    .select({ email: user.email })
    .from(teamMember)
    .innerJoin(user, eq(user.id, teamMember.userId))
    .where(and(eq(teamMember.teamId, teamId), inArray(teamMember.role, ["owner", "admin"])));
  return rows.map((r) => r.email);
}
