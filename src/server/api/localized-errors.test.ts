import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/log";
import { NUL_MESSAGE } from "@/lib/text-rules";
import { AUTH_REFUSALS, GENERIC_MESSAGE, toRestError, toTRPCError } from "./error-mapping";
import { frenchFieldMessage, localizeErrorMessage } from "./localized-errors";

const fr = (reason: string, message: string, details?: Record<string, unknown>) => localizeErrorMessage({ reason, message, details }, "fr");

describe("error messages in the reader's language", () => {
  it("English readers get the service's sentence as it is", () => {
    expect(localizeErrorMessage({ reason: "not_found", message: "Team not found." }, "en")).toBe("Team not found.");
  });

  it.each([
    ["unauthenticated", AUTH_REFUSALS.unauthenticated, "Connectez-vous, ou envoyez un jeton d’API personnel dans l’en-tête « Authorization: Bearer <jeton> »."],
    ["invalid_token", AUTH_REFUSALS.invalid_token, "Le jeton d’API est invalide ou a été révoqué."],
    ["not_found", "Team not found.", "Équipe introuvable."],
    ["not_found", "Payment not found.", "Paiement introuvable."],
    ["not_found", "Not found.", "Introuvable."],
    [
      "insufficient_role",
      "Only the team's owners and admins may make payments.",
      "Seuls les propriétaires et les administrateurs de l’équipe peuvent effectuer des paiements.",
    ],
    ["insufficient_role", "Only an owner may remove an owner.", "Seul un propriétaire peut retirer un propriétaire."],
    ["rate_limited", "Too many requests: try again in 12 s.", "Trop de requêtes : réessayez dans 12 s."],
    ["rate_limited", "Too many requests: at most 600 a minute. Try again in 3 s.", "Trop de requêtes : au plus 600 par minute. Réessayez dans 3 s."],
    [
      "too_many_attempts",
      "Too many failed sign-ins for this address. Try again in 14 min.",
      "Trop d’échecs de connexion pour cette adresse. Réessayez dans 14 min.",
    ],
    [
      "plan_limit_reached",
      "The Free plan allows 2 projects per team. Upgrade the team to Pro on its Billing page to raise this limit.",
      "Le forfait Free permet 2 projets par équipe. Passez une équipe au forfait Pro depuis sa page Facturation pour relever cette limite.",
    ],
    [
      "invalid_phone",
      'payer_phone: "0707" is not a valid phone number; write a number of CI, or one in international form.',
      'payer_phone: "0707" n’est pas un numéro de téléphone valide ; écrivez un numéro du pays CI, ou au format international.',
    ],
    [
      "invalid_operator",
      "operator: Wave does not serve numbers of CM; choose one of orange_money, mtn_momo.",
      "operator: Wave ne dessert pas les numéros du pays CM ; choisissez l’un de orange_money, mtn_momo.",
    ],
    [
      "invalid_amount",
      "amount: amount must be whole francs in XOF (no decimals: 19.7 is not an amount of XOF).",
      "amount: le montant doit être un nombre entier de francs en XOF (pas de décimales : 19.7 n’est pas un montant en XOF).",
    ],
    [
      "amount_mismatch",
      "amount: must be 1970 XOF, the price of Pro (the server computes it).",
      "amount: doit être 1970 XOF, le prix de Pro (c’est le serveur qui le calcule).",
    ],
    [
      "payment_backend_unreachable",
      "The payment backend cannot be reached right now. Try again in a moment.",
      "Le service de paiement est injoignable pour le moment. Réessayez dans un instant.",
    ],
    [
      "payment_backend_timeout",
      "The payment backend did not answer within 10 s. Try again in a moment.",
      "Le service de paiement n’a pas répondu en 10 s. Réessayez dans un instant.",
    ],
    [
      "payment_backend_error",
      "The payment backend refused the request (invalid_amount: bad).",
      "Le service de paiement a refusé la demande (invalid_amount: bad).",
    ],
    ["not_found", "Webhook endpoint not found.", "Adresse de webhook introuvable."],
    [
      "insufficient_role",
      "Only the team's owners and admins may manage the team's webhooks.",
      "Seuls les propriétaires et les administrateurs de l’équipe peuvent gérer les webhooks de l’équipe.",
    ],
    [
      "webhook_url_refused",
      "The endpoint URL is or resolves to a private network address, which webhooks are never sent to.",
      "L’URL de l’adresse est ou désigne une adresse de réseau privé, vers laquelle aucun webhook n’est jamais envoyé.",
    ],
    ["webhook_url_refused", "The endpoint URL must start with https://.", "L’URL de l’adresse doit commencer par https://."],
    [
      "webhook_endpoint_limit",
      "A team can have at most 10 webhook endpoints. Remove one to add another.",
      "Une équipe peut avoir au plus 10 adresses de webhook. Retirez-en une pour en ajouter une autre.",
    ],
    ["webhook_unknown_event_type", "Unknown event type: payment.refunded.", "Type d’événement inconnu : payment.refunded."],
  ])("%s: %s", (reason, message, french) => {
    expect(fr(reason, message)).toBe(french);
  });

  it("the other common refusals have French too", () => {
    for (const [reason, message] of [
      ["cross_site_request", "This request changes something with your session cookie…"],
      [
        "currency_country_mismatch",
        "currency: XOF is the franc of the UEMOA countries (CI, SN, BJ, BF, ML, NE, TG, GW); set one of them as the country, or pay in EUR.",
      ],
      ["payment_pending", "The currency cannot change while a payment is pending. Finish or cancel it on the Billing page first."],
    ]) {
      const text = fr(reason!, message!);
      expect(text).not.toBe(message);
      expect(text).toMatch(/[éèàù’]|paiement|requête/);
    }
  });

  it("a validation message keeps its field names and the `field: text` form forms read", () => {
    expect(
      frenchFieldMessage(`subject: must be at least 3 characters; description: must not be empty; priority: Invalid option: expected one of "low"|"high"`),
    ).toBe(`subject: doit faire au moins 3 caractères; description: ne doit pas être vide; priority: doit être l’une de ces valeurs : "low", "high"`);
    expect(fr("invalid_request", `events.0.project_id: ${NUL_MESSAGE}`)).toBe("events.0.project_id: ne doit pas contenir de caractère NUL (\\u0000)");
    expect(fr("invalid_request", "colour: is not a field of this request")).toBe("colour: n’est pas un champ de cette requête");
    // A sentence we do not know stays in English, the known part beside it in French.
    expect(fr("invalid_request", "slug: something nobody wrote down; name: must not be empty")).toBe(
      "slug: something nobody wrote down; name: ne doit pas être vide",
    );
  });

  it("falls back to the English message for a reason or a sentence it does not know", () => {
    expect(fr("slug_taken", 'The slug "acme" is already taken; choose another.')).toBe('The slug "acme" is already taken; choose another.');
    expect(fr("not_found", "Card billing is not available on this server.")).toBe("Card billing is not available on this server.");
  });
});

describe("the one error mapping, in a language", () => {
  it("REST: the code stays, the message is French", () => {
    const err = new DomainError("NOT_FOUND", "Team not found.");
    expect(toRestError(err, "fr")).toEqual({ status: 404, body: { error: { code: "not_found", message: "Équipe introuvable." } } });
    expect(toRestError(err)).toEqual({ status: 404, body: { error: { code: "not_found", message: "Team not found." } } });
  });

  it("a zod failure names its field in French", () => {
    const parsed = z.object({ subject: z.string().min(3) }).safeParse({ subject: "a" });
    expect(toRestError(parsed.error, "fr")).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: "subject: doit faire au moins 3 caractères" } },
    });
    const trpc = toTRPCError(parsed.error, "fr");
    expect(trpc.code).toBe("BAD_REQUEST");
    expect(trpc.message).toBe("subject: doit faire au moins 3 caractères");
  });

  it("an unknown error is the generic message, in French too", () => {
    vi.spyOn(logger, "error").mockImplementation(() => {});
    const { body } = toRestError(new Error("boom"), "fr");
    expect(body.error.code).toBe("internal_error");
    expect(body.error.message).not.toBe(GENERIC_MESSAGE);
    expect(body.error.message).toMatch(/^Une erreur est survenue/);
    vi.restoreAllMocks();
  });
});

describe("the billing profile's legal details (spec 16)", () => {
  it("a refused billing e-mail or document language reads in French", () => {
    expect(localizeErrorMessage({ reason: "invalid_request", message: "billing_email: must be an e-mail address" }, "fr")).toBe(
      "billing_email: doit être une adresse e-mail",
    );
    expect(localizeErrorMessage({ reason: "invalid_request", message: "document_language: must be fr or en" }, "fr")).toBe(
      "document_language: doit être fr ou en",
    );
  });
});

describe("support's actions and the rating (spec 19)", () => {
  const fr = (reason: string, message: string) => localizeErrorMessage({ reason, message }, "fr");
  it("their refusals read in French", () => {
    expect(fr("credit_over_cap", "amount: a grant is at most 6559 XOF (10 EUR at the fixed parity).")).toBe(
      "amount: un crédit est d’au plus 6559 XOF (10 EUR à la parité fixe).",
    );
    expect(fr("credit_over_cap", "amount: a grant is at most 10.00 EUR (10 EUR).")).toBe("amount: un crédit est d’au plus 10.00 EUR (10 EUR).");
    expect(fr("already_rated", "This ticket has already been rated; a rating is given once.")).toBe(
      "Ce ticket a déjà été noté ; une note ne se donne qu’une fois.",
    );
    expect(fr("ticket_not_resolved", "A ticket can be rated once it is resolved.")).toBe("Un ticket peut être noté une fois résolu.");
    expect(fr("not_requester", "Only the person who opened this ticket may rate it.")).toBe("Seule la personne qui a ouvert ce ticket peut le noter.");
    expect(fr("invalid_request", "days: must be 1 to 30")).toBe("days: doit valoir de 1 à 30");
    expect(fr("insufficient_role", "Only members of the team may rate its tickets.")).toBe("Seuls les membres de l’équipe peuvent noter ses tickets.");
    expect(
      fr("stripe_subscription_active", "A Stripe card subscription renews this team's Pro: its period is Stripe's, so it cannot be extended here."),
    ).toMatch(/^Un abonnement par carte Stripe/);
  });
});
