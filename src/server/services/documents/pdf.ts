import path from "node:path";
import PDFDocument from "pdfkit";
import { DOCUMENT_TEXT } from "@/lib/document-text";
import { maskPhone } from "@/lib/documents";
import { formatBytes, formatDate, formatMoney } from "@/lib/format";
import { OPERATOR_NAMES, type TOperator } from "@/lib/mobile-money";
import type { TReceiptContent } from "./issue";
import type { TStatementContent } from "./statements";

/**
 * A document's PDF (spec 16), drawn with pdfkit in DejaVu Sans (shipped in assets/fonts: the PDF
 * standard fonts lack the narrow no-break space French amounts are written with), from its frozen
 * content only: the same content gives the same text, whatever the settings are today.
 */

const FONT_DIR = path.join(process.cwd(), "assets", "fonts");
const REGULAR = path.join(FONT_DIR, "DejaVuSans.ttf");
const BOLD = path.join(FONT_DIR, "DejaVuSans-Bold.ttf");

export function renderDocumentPdf(content: TReceiptContent | TStatementContent): Promise<Buffer> {
  const t = DOCUMENT_TEXT[content.language];
  const title = content.kind === "receipt" ? t.receipt : t.statement;
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    font: REGULAR,
    info: {
      Title: `${title} ${content.number}`,
      Author: content.seller.name,
      Producer: "Servelink console",
      Creator: "Servelink console",
      CreationDate: new Date(content.issued_at),
    },
  });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const money = (minor: number) => formatMoney(minor, content.currency, content.language);
  const date = (v: string) => formatDate(v, content.language);
  // French puts a no-break space before the colon.
  const colon = content.language === "fr" ? "\u00a0:" : ":";

  doc.font("bold").fontSize(20).text(title);
  doc.moveDown(0.3);
  doc.font("regular").fontSize(10).text(`${t.number}${colon} ${content.number}`);
  doc.text(`${t.date}${colon} ${date(content.issued_at)}`);
  if (content.kind === "statement") doc.text(`${t.period}${colon} ${content.month}`);
  doc.moveDown();

  const top = doc.y;
  doc.font("bold").text(t.seller, 50, top);
  doc.font("regular").text(content.seller.name).text(content.seller.address).text(`${t.taxId}${colon} ${content.seller.tax_id}`);
  const left = doc.y;
  doc.font("bold").text(t.buyer, 320, top);
  doc.font("regular").text(content.buyer.name, 320);
  if (content.buyer.address) doc.text(content.buyer.address, 320);
  if (content.buyer.country) doc.text(new Intl.DisplayNames([content.language], { type: "region" }).of(content.buyer.country) ?? content.buyer.country, 320);
  if (content.buyer.tax_id) doc.text(`${t.taxId}${colon} ${content.buyer.tax_id}`, 320);
  doc.text(`${t.team}${colon} ${content.buyer.team_slug}`, 320);
  doc.y = Math.max(left, doc.y);
  doc.x = 50;
  doc.moveDown(1.5);

  const row = (label: string, value: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? "bold" : "regular").text(label, 50, y, { width: 360 });
    const after = doc.y;
    doc.text(value, 420, y, { width: 125, align: "right" });
    doc.y = Math.max(after, doc.y);
    doc.x = 50;
  };

  if (content.kind === "receipt") {
    row(t.description, t.amount, true);
    doc.moveDown(0.3);
    for (const line of content.lines) {
      const s = line.period_start ? date(line.period_start) : null;
      const e = line.period_end ? date(line.period_end) : null;
      const what = line.item === "addon" ? `${line.quantity ?? 1} × ${line.resource_type ?? ""}` : "";
      const label =
        line.item === "top_up" ? t.topUp : line.item === "pro" ? (s && e ? t.pro(s, e) : t.proNoDates) : s && e ? t.addon(what, s, e) : t.addonNoDates(what);
      row(label, money(line.amount_minor));
    }
    doc.moveDown(0.5);
    if (content.vat_minor > 0) {
      row(t.net, money(content.net_minor));
      row(t.vat(`${new Intl.NumberFormat(content.language).format(content.vat_rate)} %`), money(content.vat_minor));
    }
    row(t.total, money(content.total_minor), true);
    doc.moveDown();
    const m = content.method;
    const method =
      m.kind === "mobile_money"
        ? t.mobileMoney(m.operator ? (OPERATOR_NAMES[m.operator as TOperator] ?? m.operator) : "", m.phone ? maskPhone(m.phone) : "")
        : m.kind === "credit_card"
          ? t.card(m.card_brand, m.card_last4)
          : t.balance;
    doc.text(`${t.method}${colon} ${method}`);
    doc.text(`${t.paymentRef}${colon} ${content.payment_id}`);
    if (content.transaction_id) doc.text(`${t.transaction}${colon} ${content.transaction_id}`);
    if (content.stripe_invoice_number) doc.text(`${t.stripeInvoice}${colon} ${content.stripe_invoice_number}`);
    doc.moveDown();
    if (content.vat_note === "paid_from_balance") doc.text(t.paidFromBalance);
    else if (content.vat_note === "mention" && content.vat_mention) doc.text(content.vat_mention);
  } else {
    row(t.opening, money(content.opening_minor), true);
    doc.moveDown(0.3);
    for (const e of content.entries) row(`${date(e.at)}  ${t.entryKind[e.kind] ?? e.kind}${e.note ? ` — ${e.note}` : ""}`, money(e.amount_minor));
    if (content.entries.length === 0) doc.text(t.none);
    doc.moveDown(0.3);
    row(t.credits, money(content.credits_minor));
    row(t.debits, money(-content.debits_minor));
    row(t.closing, money(content.closing_minor), true);
    doc.moveDown();
    doc.font("bold").text(t.payments);
    doc.font("regular");
    for (const p of content.payments) {
      row(
        `${date(p.at)}  ${p.description} (${t.paymentStatus[p.status] ?? p.status})${p.receipt ? ` — ${p.receipt}` : ""}`,
        formatMoney(p.amount_minor, p.currency, content.language),
      );
    }
    if (content.payments.length === 0) doc.text(t.none);
    doc.moveDown();
    doc.font("bold").text(t.usage);
    doc.font("regular");
    const u = content.usage;
    const bytes = (b: string) => formatBytes(BigInt(b), content.language);
    doc.text(`${t.traffic}${colon} ${bytes(u.traffic_bytes)} ${t.of} ${bytes(u.traffic_limit_bytes)}`);
    doc.text(`${t.peakStorage}${colon} ${bytes(u.peak_storage_bytes)} ${t.of} ${bytes(u.storage_limit_bytes)}`);
  }
  doc.moveDown(2);
  doc.fontSize(8).fillColor("#555555").text(t.issuedBy);
  doc.end();
  return done;
}
