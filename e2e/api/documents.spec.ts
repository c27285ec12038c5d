import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { formatMoney } from "../../src/lib/format";
import { signUpOverHttp } from "../fixtures/auth";
import { ALICE, E2E } from "../fixtures/config";
import { documentedAnswers } from "../fixtures/openapi";
import { tokenFor } from "../fixtures/tokens";

// Receipts and monthly statements over REST (spec 16), on a team of this file's own (the seeded
// ones are shared with the other tests): every JSON answer is also checked against /api/openapi.json,
// and the PDFs are read back with poppler's pdftotext, as a person reading them would.

const run = promisify(execFile);

/** The sandbox approves a payer whose number ends 0001 after 5 s, with a signed callback (spec 14.4). */
const APPROVED_NUMBER = "+225 07 07 00 00 01";
const LEGAL = {
  legal_name: "Akwaba Digital SARL",
  address: "Rue des Jardins, Cocody, Abidjan",
  tax_id: "CI-ABJ-2024-B-12345",
  billing_email: "compta@akwaba.example",
};
const LIST = "/api/billing/{team}/documents";
const PDF = "/api/billing/{team}/documents/{number}.pdf";
const PROFILE = "/api/billing/{team}/profile";

type TAuth = { authorization: string };
type TDocument = { number: string; kind: string; issued_at: string; amount: number; payment_id: string | null; pdf_url: string };

/** A PDF's text as pdftotext lays it out, the no-break spaces of amounts ("1 970 F CFA") made plain. */
async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "servelink-e2e-pdf-")), "document.pdf");
  await writeFile(file, pdf);
  const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
  return stdout.replace(/[\u00a0\u202f]/g, " ");
}

/** An amount as a French document writes it (`1 970 F CFA`), spaces plain as pdfText makes them. */
const francs = (minor: number) => formatMoney(minor, "XOF", "fr").replace(/[\u00a0\u202f]/g, " ");

const seqOf = (number: string) => Number(number.slice(-6));

test.describe.serial("receipts and statements over REST", () => {
  let check: Awaited<ReturnType<typeof documentedAnswers>>;
  let globalRequest: APIRequestContext;
  // A team in Côte d'Ivoire paying in XOF, with its legal details; its owner, then a member once it is Pro.
  let owner: TAuth;
  let ownerToken: string;
  let member: TAuth;
  let team: string;
  // The receipt of the Mobile Money payment for Pro, and its PDF's bytes.
  let receipt: TDocument;
  let receiptPdf: Buffer;

  const documentsOf = async (auth: TAuth) =>
    (await check(await globalRequest.get(`/api/billing/${team}/documents`, { headers: auth }), "get", LIST, 200)).documents as TDocument[];
  /** A PDF download, checked against the document (its 200 has no JSON body); answers its bytes. */
  const download = async (auth: TAuth, url: string): Promise<{ res: APIResponse; bytes: Buffer }> => {
    const res = await globalRequest.get(url, { headers: auth });
    await check(res, "get", PDF, 200);
    return { res, bytes: await res.body() };
  };
  const waitCompleted = (paymentId: string) =>
    expect
      .poll(async () => (await (await globalRequest.get(`/api/payments/${paymentId}/status`, { headers: owner })).json()).status, { timeout: 30_000 })
      .toBe("completed");

  test.beforeAll(async ({ playwright }) => {
    globalRequest = await playwright.request.newContext({ baseURL: E2E.baseURL });
    check = await documentedAnswers(globalRequest);
    const { email } = await signUpOverHttp(globalRequest, "receipts");
    ownerToken = await tokenFor(email);
    owner = { authorization: `Bearer ${ownerToken}` };
    team = `receipts-${Date.now().toString(36)}`;
    const created = await globalRequest.post("/api/trpc/teams.create", { headers: owner, data: { json: { name: "Akwaba Digital", slug: team } } });
    expect(created.status(), await created.text()).toBe(200);
  });

  test.afterAll(async () => {
    await globalRequest.dispose();
  });

  test("the owner sets the team's legal details on the billing profile; a bad billing_email or language is a 400 naming it, and changes nothing", async () => {
    const patch = (data: object) => globalRequest.patch(`/api/billing/${team}/profile`, { headers: owner, data });
    const set = await check(await patch({ currency: "XOF", country: "CI", ...LEGAL, document_language: "fr" }), "patch", PROFILE, 200);
    expect(set).toMatchObject({ currency: "XOF", country: "CI", ...LEGAL, document_language: "fr", effective_document_language: "fr" });

    for (const [data, message] of [
      [{ billing_email: "compta at akwaba" }, "billing_email: must be an e-mail address"],
      [{ document_language: "de" }, "document_language: must be fr or en"],
    ] as const) {
      const refused = await check(await patch(data), "patch", PROFILE, 400);
      expect(refused, JSON.stringify(data)).toEqual({ error: { code: "invalid_request", message } });
    }

    // Left to the country, Côte d'Ivoire's documents are in French.
    const cleared = await check(await patch({ document_language: null }), "patch", PROFILE, 200);
    expect(cleared).toMatchObject({ ...LEGAL, document_language: null, effective_document_language: "fr" });
    expect(await check(await globalRequest.get(`/api/billing/${team}/profile`, { headers: owner }), "get", PROFILE, 200)).toEqual({
      currency: "XOF",
      country: "CI",
      last_payer_phone: null,
      last_operator: null,
      ...LEGAL,
      document_language: null,
      effective_document_language: "fr",
    });
    expect(await documentsOf(owner)).toEqual([]);
  });

  test("a Mobile Money payment approved in the sandbox gets a receipt, listed with its number SL-<year>-NNNNNN", async () => {
    const started = await check(
      await globalRequest.post(`/api/payments/${team}/initiate`, {
        headers: owner,
        data: { payment_method: "mobile_money", payer_phone: APPROVED_NUMBER, operator: "orange_money" },
      }),
      "post",
      "/api/payments/{team}/initiate",
      200,
    );
    expect(started).toMatchObject({ status: "pending", amount: 1970, currency: "XOF" });
    await waitCompleted(started.payment_id);

    const documents = await documentsOf(owner);
    expect(documents).toHaveLength(1);
    receipt = documents[0]!;
    const year = new Date(receipt.issued_at).getUTCFullYear();
    expect(receipt).toEqual({
      number: expect.stringMatching(new RegExp(`^SL-${year}-\\d{6}$`)),
      kind: "receipt",
      issued_at: expect.any(String),
      amount: 1970,
      amount_minor: 1970,
      currency: "XOF",
      payment_id: started.payment_id,
      period: null,
      language: "fr",
      pdf_url: `/api/billing/${team}/documents/${receipt.number}.pdf`,
    });
    expect(seqOf(receipt.number)).toBeGreaterThan(0);
  });

  test("its PDF is application/pdf with the number, the buyer's legal name and the amount; downloaded twice, the same bytes", async () => {
    const first = await download(owner, receipt.pdf_url);
    expect(first.res.headers()["content-type"]).toBe("application/pdf");
    expect(first.res.headers()["content-disposition"]).toBe(`attachment; filename="${receipt.number}.pdf"`);
    expect(first.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    receiptPdf = first.bytes;

    const text = await pdfText(receiptPdf);
    expect(text).toContain(receipt.number);
    expect(text).toContain(LEGAL.legal_name);
    expect(text).toContain(LEGAL.tax_id);
    expect(text).toMatch(new RegExp(`Total\\s+${francs(1970)}`));
    // The payer's number masked: its country code and last two digits only.
    expect(text).toMatch(/Mobile Money, Orange Money, \+225 •+01/);
    expect(text).not.toContain("07 07 00 00");

    const second = await download(owner, receipt.pdf_url);
    expect(Buffer.compare(second.bytes, receiptPdf)).toBe(0);

    // The profile changes; the document issued before does not.
    await check(await globalRequest.patch(`/api/billing/${team}/profile`, { headers: owner, data: { legal_name: "Renamed SARL" } }), "patch", PROFILE, 200);
    const third = await download(owner, receipt.pdf_url);
    expect(Buffer.compare(third.bytes, receiptPdf)).toBe(0);
    await check(await globalRequest.patch(`/api/billing/${team}/profile`, { headers: owner, data: { legal_name: LEGAL.legal_name } }), "patch", PROFILE, 200);
  });

  test("another team's number is a 404, as is an unknown number or another team's list; no credentials 401", async ({ request }) => {
    const alice = { authorization: `Bearer ${await tokenFor(ALICE)}` };
    // Alice's own team, asked for this team's receipt: as if it did not exist.
    const foreign = await check(await globalRequest.get(`/api/billing/acme/documents/${receipt.number}.pdf`, { headers: alice }), "get", PDF, 404);
    expect(foreign).toEqual({ error: { code: "not_found", message: "Document not found." } });
    // This team's path, by someone who is not in it.
    expect(await check(await globalRequest.get(receipt.pdf_url, { headers: alice }), "get", PDF, 404)).toEqual({
      error: { code: "not_found", message: "Team not found." },
    });
    expect((await check(await globalRequest.get(`/api/billing/${team}/documents`, { headers: alice }), "get", LIST, 404)).error.code).toBe("not_found");
    for (const file of ["SL-1999-000001.pdf", `${receipt.number}.txt`, receipt.number]) {
      const res = await check(await globalRequest.get(`/api/billing/${team}/documents/${file}`, { headers: owner }), "get", PDF, 404);
      expect(res, file).toEqual({ error: { code: "not_found", message: "Document not found." } });
    }
    // `request` is a context of its own, without the session cookie the owner's sign-up left in globalRequest.
    expect((await check(await request.get(receipt.pdf_url), "get", PDF, 401)).error.code).toBe("unauthenticated");
  });

  test("a member of the team reads the documents and their PDFs, but may not change the legal details", async () => {
    // On Pro (bought above) the team takes a second member.
    const m = await signUpOverHttp(globalRequest, "receipts-member");
    member = { authorization: `Bearer ${await tokenFor(m.email)}` };
    const added = await globalRequest.post("/api/trpc/teams.addMember", { headers: owner, data: { json: { team, email: m.email, role: "member" } } });
    expect(added.status(), await added.text()).toBe(200);

    expect(await documentsOf(member)).toEqual([receipt]);
    const { bytes } = await download(member, receipt.pdf_url);
    expect(Buffer.compare(bytes, receiptPdf)).toBe(0);
    expect(await check(await globalRequest.get(`/api/billing/${team}/profile`, { headers: member }), "get", PROFILE, 200)).toMatchObject(LEGAL);
    expect(
      await check(await globalRequest.patch(`/api/billing/${team}/profile`, { headers: member, data: { legal_name: "Not Mine" } }), "patch", PROFILE, 403),
    ).toEqual({ error: { code: "insufficient_role", message: "Only the team's owners and admins may change the billing profile." } });
  });

  test("a top-up and a purchase from the balance get their receipts too, numbered after the first, newest first", async () => {
    const topUp = await check(
      await globalRequest.post(`/api/payments/${team}/initiate`, {
        headers: owner,
        data: { purpose: "top_up", amount: 3000, payment_method: "mobile_money", payer_phone: APPROVED_NUMBER, operator: "orange_money" },
      }),
      "post",
      "/api/payments/{team}/initiate",
      200,
    );
    await waitCompleted(topUp.payment_id);
    const addon = await check(
      await globalRequest.post(`/api/resources/${team}/purchase`, { headers: owner, data: { resource_type: "ram", quantity: 1, payment_method: "balance" } }),
      "post",
      "/api/resources/{team}/purchase",
      200,
    );
    expect(addon).toMatchObject({ status: "completed", amount: 660, currency: "XOF" });

    const documents = await documentsOf(member);
    expect(documents.map((d) => [d.kind, d.payment_id, d.amount])).toEqual([
      ["receipt", addon.payment_id, 660],
      ["receipt", topUp.payment_id, 3000],
      ["receipt", receipt.payment_id, 1970],
    ]);
    // One sequence across all rails: later receipts have later numbers (other tests' payments may come between).
    const seqs = documents.map((d) => seqOf(d.number));
    expect(seqs[0]).toBeGreaterThan(seqs[1]!);
    expect(seqs[1]).toBeGreaterThan(seqs[2]!);

    const fromBalance = await pdfText((await download(owner, documents[0]!.pdf_url)).bytes);
    expect(fromBalance).toContain(documents[0]!.number);
    expect(fromBalance).toContain(LEGAL.legal_name);
    expect(fromBalance).toMatch(new RegExp(`Total\\s+${francs(660)}`));
    expect(fromBalance).toContain("Payé par : Solde prépayé");
    const topUpText = await pdfText((await download(owner, documents[1]!.pdf_url)).bytes);
    expect(topUpText).toMatch(new RegExp(`Recharge du solde prépayé\\s+${francs(3000)}`));
  });

  test("the documents example lists them through the typed client and downloads one; another team's number prints NOT_FOUND", async () => {
    const env = { ...process.env, SERVELINK_URL: E2E.baseURL, SERVELINK_TOKEN: ownerToken };
    const listed = await run("npx", ["tsx", "scripts/examples/documents.ts", team], { env });
    const lines = listed.stdout.trim().split("\n");
    expect(lines[0]).toBe(`3 document(s) in ${team}, newest first:`);
    expect(lines[3]).toBe(
      `- ${receipt.number} ${receipt.issued_at.slice(0, 10)} receipt of ${receipt.payment_id} 1970 XOF (fr): /api/billing/${team}/documents/${receipt.number}.pdf`,
    );

    const out = path.join(await mkdtemp(path.join(tmpdir(), "servelink-e2e-example-")), "receipt.pdf");
    const downloaded = await run("npx", ["tsx", "scripts/examples/documents.ts", team, receipt.number, out], { env });
    expect(downloaded.stdout).toBe(`${receipt.number}: ${receiptPdf.length} bytes written to ${out}\n`);
    expect(Buffer.compare(await readFile(out), receiptPdf)).toBe(0);

    const refused = await run("npx", ["tsx", "scripts/examples/documents.ts", team, "SL-1999-000001"], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("error NOT_FOUND not_found: Document not found.") });
  });
});
