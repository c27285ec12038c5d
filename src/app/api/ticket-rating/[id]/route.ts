// GET /api/ticket-rating/{id}?token= – the rating form of a resolution e-mail's link · POST – records the score, once
import { clock } from "@/lib/clock";
import { negotiateLocale } from "@/lib/locale-negotiation";
import type { TLocale } from "@/lib/locales";
import { getDb } from "@/server/db-config";
import { DomainError } from "@/server/errors";
import { logError } from "@/server/log";
import { checkRatingLink, rateTicketByLink } from "@/server/services/support/ratings";
import { ratingPageText } from "@/server/services/support/ticket-text";

export const dynamic = "force-dynamic";

// The link needs no sign-in: the token it carries is the right to rate this one ticket, once. GET only
// shows the form (a mail scanner that follows the link uses nothing up); POST records the score.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(locale: TLocale, status: number, body: string): Response {
  const t = ratingPageText(locale);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}fieldset{border:0;padding:0}label{display:block;margin:.5rem 0}textarea{width:100%}button{margin-top:1rem;padding:.5rem 1rem}</style>
</head><body><h1>${escape(t.title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" },
  });
}

function readerLocale(req: Request, fallback: TLocale | null): TLocale {
  return fallback ?? negotiateLocale(req.headers.get("accept-language")) ?? "en";
}

export async function GET(req: Request, route: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await route.params;
  const token = new URL(req.url).searchParams.get("token") ?? "";
  try {
    const link = await checkRatingLink(await getDb(), { ticketId: id, token });
    const locale = readerLocale(req, link.language);
    const t = ratingPageText(locale);
    if (!link.valid) return page(locale, 404, `<p>${escape(t.invalid)}</p>`);
    const scores = [1, 2, 3, 4, 5]
      .map((n) => `<label><input type="radio" name="score" value="${n}" required${n === 5 ? " checked" : ""}> ${n}</label>`)
      .join("");
    return page(
      locale,
      200,
      `<p>${escape(t.intro)}</p><form method="post"><input type="hidden" name="token" value="${escape(token)}">
<fieldset><legend>${escape(t.score)}</legend>${scores}</fieldset>
<label for="comment">${escape(t.comment)}</label><textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea>
<button type="submit">${escape(t.submit)}</button></form>`,
    );
  } catch (err) {
    logError("the rating link's page failed", err);
    return page(readerLocale(req, null), 500, "");
  }
}

export async function POST(req: Request, route: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await route.params;
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return page(readerLocale(req, null), 400, `<p>${escape(ratingPageText(readerLocale(req, null)).invalid)}</p>`);
  }
  const token = String(form.get("token") ?? new URL(req.url).searchParams.get("token") ?? "");
  const score = Number(form.get("score"));
  const comment = String(form.get("comment") ?? "").slice(0, 2000);
  try {
    const rated = await rateTicketByLink(await getDb(), { ticketId: id, token, score, comment, now: clock.now() });
    const locale = rated.language;
    return page(locale, 200, `<p>${escape(ratingPageText(locale).thanks)}</p>`);
  } catch (err) {
    const locale = readerLocale(req, null);
    const t = ratingPageText(locale);
    if (err instanceof DomainError) {
      const status = err.code === "BAD_REQUEST" ? 400 : err.code === "CONFLICT" ? 409 : 404;
      return page(locale, status, `<p>${escape(status === 400 ? t.score : t.invalid)}</p>`);
    }
    logError("recording a rating from its link failed", err);
    return page(locale, 500, "");
  }
}
