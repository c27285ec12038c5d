// SERVELINK_TOKEN=pat_… npx tsx scripts/examples/documents.ts <team> – the team's receipts and monthly statements, newest first.
//   … documents.ts <team> <number> [file] – downloads one as its PDF (to ./<number>.pdf unless a file is named).
import { writeFile } from "node:fs/promises";
import { createServelinkClient, fetchDocumentPdf, toServelinkError } from "../../src/client";
import { plainAmount as money } from "../../src/lib/money";

const opts = { url: process.env.SERVELINK_URL ?? "http://localhost:3000", token: process.env.SERVELINK_TOKEN ?? "" };
const api = createServelinkClient(opts);
const [team = "acme", number, file] = process.argv.slice(2);

try {
  if (number) {
    const pdf = await fetchDocumentPdf(opts, { team, number });
    const out = file ?? `${number}.pdf`;
    await writeFile(out, pdf);
    console.log(`${number}: ${pdf.length} bytes written to ${out}`);
  } else {
    const documents = await api.documents.list.query({ team });
    console.log(`${documents.length} document(s) in ${team}, newest first:`);
    for (const d of documents) {
      const what = d.kind === "receipt" ? `receipt of ${d.payment_id}` : `statement of ${d.period}, closing balance`;
      console.log(`- ${d.number} ${d.issued_at.toISOString().slice(0, 10)} ${what} ${money(d.amount_minor, d.currency)} (${d.language}): ${d.pdf_url}`);
    }
  }
} catch (err) {
  const e = toServelinkError(err);
  console.error(`error ${e.code}${e.reason ? ` ${e.reason}` : ""}: ${e.message}`);
  process.exit(1);
}
