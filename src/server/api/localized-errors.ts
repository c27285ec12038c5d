import type { TLocale } from "@/lib/locales";
import { ISO_DATETIME_MESSAGE } from "@/lib/schemas/usage";
import { NUL_MESSAGE } from "@/lib/text-rules";

/**
 * French for the refusals people meet most (spec 14.6), keyed by the error's `reason` (the
 * `error.code` of REST, `data.reason` of tRPC, which never change with the language). Services
 * write their messages in English; each entry here reads what it needs from that sentence (a
 * number of seconds, a field name) or from the error's details, and answers null when it does
 * not recognise it: the English message is then sent as it is. A message that names a field keeps
 * the `field: …` form (and the field's name), which forms read to put the text beside the field.
 */

type TFrench = (message: string, details: Record<string, unknown> | undefined) => string | null;

const num = (value: string) => value.replace(/,/g, " ");
const list = (value: string) => value.replace(/\|/g, ", ").replace(/ and /g, " et ").replace(/ or /g, " ou ");

const ZOD_TYPES: Record<string, string> = {
  string: "un texte",
  number: "un nombre",
  int: "un nombre entier",
  boolean: "un booléen (true ou false)",
  object: "un objet",
  array: "une liste",
  bigint: "un entier",
  date: "une date",
};

/** The English tails of field messages (ours, and zod's defaults) and their French. */
const FIELD_TAILS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must not be empty$/, () => "ne doit pas être vide"],
  [/^must be at most ([\d,]+) characters$/, (m) => `doit faire au plus ${num(m[1]!)} caractères`],
  [/^must be at least ([\d,]+) characters?$/, (m) => `doit faire au moins ${num(m[1]!)} caractère${m[1] === "1" ? "" : "s"}`],
  [/^must be ([\d,]+) to ([\d,]+) characters$/, (m) => `doit faire de ${num(m[1]!)} à ${num(m[2]!)} caractères`],
  [/^must be ([\d,]+) to ([\d,]+) characters of (.+)$/, (m) => `doit faire de ${num(m[1]!)} à ${num(m[2]!)} caractères parmi ${list(m[3]!)}`],
  [/^must be at most ([\d,.]+)$/, (m) => `doit valoir au plus ${num(m[1]!)}`],
  [/^must be ([\d,]+) to ([\d,]+)$/, (m) => `doit valoir de ${num(m[1]!)} à ${num(m[2]!)}`],
  [/^must be at least ([\d,.]+)$/, (m) => `doit valoir au moins ${num(m[1]!)}`],
  [/^must be (?:a whole number|an integer)$/, () => "doit être un nombre entier"],
  [/^must be positive$/, () => "doit être positif"],
  [/^must not be negative$/, () => "ne doit pas être négatif"],
  [/^must be one of (.+)$/, (m) => `doit être l’une de ces valeurs : ${list(m[1]!)}`],
  [/^must be ([a-z_]+) or ([a-z_]+)$/, (m) => `doit être ${m[1]} ou ${m[2]}`],
  [/^must hold at least ([\d,]+) events?$/, (m) => `doit contenir au moins ${num(m[1]!)} événement${m[1] === "1" ? "" : "s"}`],
  [/^must be an ISO currency code such as (\w+)$/, (m) => `doit être un code de devise ISO, par exemple ${m[1]}`],
  [
    /^must be an ISO 3166 country code in capitals, such as (\w+) or (\w+)$/,
    (m) => `doit être un code de pays ISO 3166 en majuscules, par exemple ${m[1]} ou ${m[2]}`,
  ],
  [/^is too long for a phone number$/, () => "est trop long pour un numéro de téléphone"],
  [/^is not a field of this request$/, () => "n’est pas un champ de cette requête"],
  [/^must be valid JSON$/, () => "doit être du JSON valide"],
  [/^(.+) is not a date that exists$/, (m) => `${m[1]} n’est pas une date qui existe`],
  [exactly(NUL_MESSAGE), () => "ne doit pas contenir de caractère NUL (\\u0000)"],
  [exactly(ISO_DATETIME_MESSAGE), () => "doit être une date-heure ISO 8601 avec un fuseau horaire, par exemple 2026-01-25T10:00:00Z"],
  // zod's own defaults.
  [/^Invalid input: expected (\w+), received undefined$/, () => "est obligatoire"],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `doit être ${ZOD_TYPES[m[1]!] ?? m[1]} (reçu : ${m[2]})`],
  [/^Too small: expected string to have >=?(\d+) characters?$/, (m) => `doit faire au moins ${m[1]} caractère${m[1] === "1" ? "" : "s"}`],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (m) => `doit faire au plus ${m[1]} caractères`],
  [/^Too small: expected array to have >=?(\d+) items?$/, (m) => `doit contenir au moins ${m[1]} élément${m[1] === "1" ? "" : "s"}`],
  [/^Too big: expected array to have <=?(\d+) items?$/, (m) => `doit contenir au plus ${m[1]} éléments`],
  [/^Too small: expected (?:number|bigint|int) to be >=(\S+)$/, (m) => `doit valoir au moins ${m[1]}`],
  [/^Too small: expected (?:number|bigint|int) to be >(\S+)$/, (m) => `doit être supérieur à ${m[1]}`],
  [/^Too big: expected (?:number|bigint|int) to be <=(\S+)$/, (m) => `doit valoir au plus ${m[1]}`],
  [/^Too big: expected (?:number|bigint|int) to be <(\S+)$/, (m) => `doit être inférieur à ${m[1]}`],
  [/^Invalid option: expected one of (.+)$/, (m) => `doit être l’une de ces valeurs : ${list(m[1]!)}`],
  [/^Invalid email address$/, () => "doit être une adresse e-mail valide"],
  [/^must be an e-mail address$/, () => "doit être une adresse e-mail"],
  [/^must be fr or en$/, () => "doit être fr ou en"],
  [/^Invalid URL$/, () => "doit être une URL valide"],
  [/^Invalid ISO datetime$/, () => "doit être une date-heure ISO 8601"],
  [/^Invalid ISO date$/, () => "doit être une date ISO 8601 (AAAA-MM-JJ)"],
  [/^Unrecognized keys?: (.+)$/, (m) => `champ inconnu : ${m[1]}`],
];

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

function frenchTail(tail: string): string | null {
  for (const [pattern, french] of FIELD_TAILS) {
    const m = pattern.exec(tail);
    if (m) return french(m);
  }
  return null;
}

const FIELD_PART = /^([A-Za-z_][\w.[\]-]*): (.+)$/s;

/**
 * `subject: must not be empty; priority: Invalid option…` in French, part by part, each keeping
 * its field's name; a part whose sentence is not known stays in English. Null when no part was.
 */
export function frenchFieldMessage(message: string): string | null {
  let changed = false;
  const parts = message.split("; ").map((part) => {
    const m = FIELD_PART.exec(part.trim());
    const french = m ? frenchTail(m[2]!) : null;
    if (!m || french === null) return part;
    changed = true;
    return `${m[1]}: ${french}`;
  });
  return changed ? parts.join("; ") : null;
}

/** "Team not found." and the like, by the English name of the thing. */
const NOT_FOUND_FR: Record<string, string> = {
  Team: "Équipe introuvable.",
  Payment: "Paiement introuvable.",
  Ticket: "Ticket introuvable.",
  "Add-on": "Option introuvable.",
  Member: "Membre introuvable.",
  Project: "Projet introuvable.",
  "API token": "Jeton d’API introuvable.",
  "Webhook endpoint": "Adresse de webhook introuvable.",
  "Webhook delivery": "Envoi de webhook introuvable.",
  "Canned reply": "Réponse type introuvable.",
};

const WHO_FR: Record<string, string> = {
  "the team's owners": "Seuls les propriétaires de l’équipe peuvent",
  "the team's owners and admins": "Seuls les propriétaires et les administrateurs de l’équipe peuvent",
  "members of the team": "Seuls les membres de l’équipe peuvent",
  "an owner": "Seul un propriétaire peut",
  "support staff": "Seul le personnel du support peut",
};

const ACTION_FR: Record<string, string> = {
  "add members": "ajouter des membres",
  "remove members": "retirer des membres",
  "change members' roles": "changer les rôles des membres",
  "make someone an owner": "nommer un propriétaire",
  "change an owner's role": "changer le rôle d’un propriétaire",
  "remove an owner": "retirer un propriétaire",
  "buy add-ons": "acheter des options",
  "renew add-ons": "renouveler des options",
  "cancel add-ons": "annuler des options",
  "make payments": "effectuer des paiements",
  "cancel payments": "annuler des paiements",
  "manage card billing": "gérer le paiement par carte",
  "change the billing profile": "modifier le profil de facturation",
  "create projects": "créer des projets",
  "open its tickets": "ouvrir ses tickets",
  "write internal notes": "écrire des notes internes",
  "manage the team's webhooks": "gérer les webhooks de l’équipe",
  "see the team's webhook deliveries": "voir les envois de webhooks de l’équipe",
  "send a test event": "envoyer un événement de test",
  "replay a webhook delivery": "renvoyer un envoi de webhook",
  "rate its tickets": "noter ses tickets",
};

/** The address kinds the webhook URL guard names (services/webhooks/url-guard.ts). */
const ADDRESS_KIND_FR: Record<string, string> = {
  "a loopback address": "une adresse de bouclage (loopback)",
  "a private network address": "une adresse de réseau privé",
  "a link-local address": "une adresse lien-local",
  "a reserved or non-public address": "une adresse réservée ou non publique",
};

/** The webhook URL guard's sentences, and the endpoint checks' (services/webhooks). */
const WEBHOOK_URL_FR: [RegExp, (m: RegExpExecArray) => string | null][] = [
  [/^The endpoint URL is not a valid URL\.$/, () => "L’URL de l’adresse n’est pas une URL valide."],
  [/^The endpoint URL must start with https:\/\/\.$/, () => "L’URL de l’adresse doit commencer par https://."],
  [/^The endpoint URL must not carry a user name or password\.$/, () => "L’URL de l’adresse ne doit contenir ni nom d’utilisateur ni mot de passe."],
  [/^The endpoint URL has no host\.$/, () => "L’URL de l’adresse n’a pas d’hôte."],
  [/^The endpoint URL cannot be localhost\.$/, () => "L’URL de l’adresse ne peut pas être localhost."],
  [/^The endpoint's host (.+) could not be resolved\.$/, (m) => `Le nom d’hôte ${m[1]} de l’adresse n’a pas pu être résolu.`],
  [
    /^The endpoint URL is or resolves to (.+), which webhooks are never sent to\.$/,
    (m) => (ADDRESS_KIND_FR[m[1]!] ? `L’URL de l’adresse est ou désigne ${ADDRESS_KIND_FR[m[1]!]}, vers laquelle aucun webhook n’est jamais envoyé.` : null),
  ],
  [/^localhost must resolve to a loopback address\.$/, () => "localhost doit désigner une adresse de bouclage (loopback)."],
  [/^The endpoint URL is at most (\d+) characters\.$/, (m) => `L’URL de l’adresse fait au plus ${m[1]} caractères.`],
];

const PLAN_LIMIT_NOUN_FR: Record<string, [string, string]> = {
  project: ["projet", "projets"],
  member: ["membre", "membres"],
  team: ["équipe", "équipes"],
};

const secondsIn = (message: string) => /(\d+) s\b/.exec(message)?.[1];

const FRENCH: Record<string, TFrench> = {
  unauthenticated: () => "Connectez-vous, ou envoyez un jeton d’API personnel dans l’en-tête « Authorization: Bearer <jeton> ».",
  invalid_token: () => "Le jeton d’API est invalide ou a été révoqué.",
  malformed_authorization: () => "L’en-tête Authorization doit être « Bearer <jeton> », avec un jeton d’API personnel.",
  not_found: (message) => (message === "Not found." ? "Introuvable." : (NOT_FOUND_FR[/^(.+) not found\.$/.exec(message)?.[1] ?? ""] ?? null)),
  user_not_found: (message) => {
    const email = /^No Servelink account uses (\S+)\. /.exec(message)?.[1];
    return email ? `Aucun compte Servelink n’utilise ${email}. Demandez-lui de s’inscrire d’abord, puis ajoutez-le à nouveau.` : null;
  },
  insufficient_role: (message) => {
    const m = /^Only (.+?) may (.+)\.$/.exec(message);
    const who = m ? WHO_FR[m[1]!] : undefined;
    if (!m || !who) return null;
    return `${who} ${ACTION_FR[m[2]!] ?? "faire cela"}.`;
  },
  staff_only: () => "Seul le personnel du support peut écrire des notes internes.",
  rate_limited: (message) => {
    const wait = secondsIn(message);
    const max = /at most (\d+) a minute/.exec(message)?.[1];
    if (!wait) return null;
    return max ? `Trop de requêtes : au plus ${max} par minute. Réessayez dans ${wait} s.` : `Trop de requêtes : réessayez dans ${wait} s.`;
  },
  too_many_requests: (message) => {
    const wait = secondsIn(message);
    return wait ? `Trop de tentatives depuis cette adresse. Réessayez dans ${wait} s.` : null;
  },
  too_many_attempts: (message) => {
    const minutes = /(\d+) min\b/.exec(message)?.[1];
    return minutes ? `Trop d’échecs de connexion pour cette adresse. Réessayez dans ${minutes} min.` : null;
  },
  cross_site_request: () =>
    "Cette requête modifie quelque chose avec votre cookie de session mais ne vient pas des pages de la console (un en-tête Origin et un corps JSON sont requis). Utilisez la console, ou envoyez un jeton d’API personnel.",
  invalid_request: (message) => frenchFieldMessage(message),
  invalid_json: (message) => frenchFieldMessage(message),
  bad_request: (message) => frenchFieldMessage(message),
  plan_limit_reached: (message, details) => {
    const plan = details?.plan === "pay_as_you_go" ? "Pro" : "Free";
    const advice =
      plan === "Free"
        ? "Passez une équipe au forfait Pro depuis sa page Facturation pour relever cette limite."
        : "Contactez le support pour relever cette limite.";
    const owned = /^You already own (\d+) teams?, and the Free plan allows (\d+) team per owner\./.exec(message);
    if (owned)
      return `Vous possédez déjà ${owned[1]} équipe${owned[1] === "1" ? "" : "s"}, et le forfait Free en permet ${owned[2]} par propriétaire. ${advice}`;
    const allows = /^The \S+ plan allows (\d+) (project|member|team)s? per team\./.exec(message);
    if (allows) {
      const [one, many] = PLAN_LIMIT_NOUN_FR[allows[2]!]!;
      return `Le forfait ${plan} permet ${allows[1]} ${allows[1] === "1" ? one : many} par équipe. ${advice}`;
    }
    return `Limite du forfait ${plan} atteinte. ${advice}`;
  },
  invalid_phone: (message) => {
    const tail = message.replace(/^payer_phone: /, "");
    if (/^required with mobile_money/.test(tail)) {
      return "payer_phone: obligatoire avec mobile_money : le numéro qui reçoit la demande de paiement (par exemple +225 07 07 12 34 56).";
    }
    const invalid = /^(".*") is not a valid phone number; write (?:a number of (\w+), or one in international form|the international form.*)\.$/.exec(tail);
    if (invalid) {
      const how = invalid[2] ? `un numéro du pays ${invalid[2]}, ou au format international` : "au format international, par exemple +225 07 07 12 34 56";
      return `payer_phone: ${invalid[1]} n’est pas un numéro de téléphone valide ; écrivez ${how}.`;
    }
    const notOffered = /^Mobile Money is not offered for numbers of (\w+) here/.exec(tail);
    if (notOffered) return `payer_phone: Mobile Money n’est pas proposé ici pour les numéros du pays ${notOffered[1]} ; payez plutôt par carte.`;
    return frenchFieldMessage(message);
  },
  invalid_operator: (message) => {
    const required = /^operator: required for a number of (\w+); one of (.+)\.$/.exec(message);
    if (required) return `operator: obligatoire pour un numéro du pays ${required[1]} ; l’un de ${required[2]}.`;
    const wrong = /^operator: (.+) does not serve numbers of (\w+); choose one of (.+)\.$/.exec(message);
    if (wrong) return `operator: ${wrong[1]} ne dessert pas les numéros du pays ${wrong[2]} ; choisissez l’un de ${wrong[3]}.`;
    return frenchFieldMessage(message);
  },
  invalid_amount: (message) => {
    const problem = message.replace(/^amount: /, "").replace(/\.$/, "");
    const whole = /^amount must be whole francs in (\w+) \(no decimals: (\S+) is not an amount of \w+\)$/.exec(problem);
    if (whole)
      return `amount: le montant doit être un nombre entier de francs en ${whole[1]} (pas de décimales : ${whole[2]} n’est pas un montant en ${whole[1]}).`;
    const decimals = /^amount must have at most (\d+) decimals in (\w+)$/.exec(problem);
    if (decimals) return `amount: le montant doit avoir au plus ${decimals[1]} décimales en ${decimals[2]}.`;
    if (problem === "amount must be a non-negative number") return "amount: le montant doit être un nombre positif ou nul.";
    if (problem === "amount is too large") return "amount: le montant est trop grand.";
    const currency = /^currency must be one of (.+)$/.exec(problem);
    if (currency) return `amount: la devise doit être l’une de ${currency[1]}.`;
    return null;
  },
  amount_mismatch: (message) => {
    const m = /^amount: must be (\S+ \w+), the price of (.+) \(the server computes it\)\.$/.exec(message);
    return m ? `amount: doit être ${m[1]}, le prix de ${m[2]} (c’est le serveur qui le calcule).` : null;
  },
  currency_country_mismatch: (message) => {
    if (message.startsWith("currency: XOF")) {
      return "currency: XOF est le franc des pays de l’UEMOA (CI, SN, BJ, BF, ML, NE, TG, GW) ; choisissez l’un d’eux comme pays, ou payez en EUR.";
    }
    const other = /or pay in (\w+)\.$/.exec(message)?.[1] ?? "EUR";
    return message.startsWith("currency: XAF")
      ? `currency: XAF est le franc des pays de la CEMAC (CM, GA, CG, TD, CF, GQ) ; choisissez l’un d’eux comme pays, ou payez en ${other}.`
      : null;
  },
  payment_pending: () => "La devise ne peut pas changer tant qu’un paiement est en attente. Terminez-le ou annulez-le d’abord sur la page Facturation.",
  payment_backend_unreachable: () => "Le service de paiement est injoignable pour le moment. Réessayez dans un instant.",
  payment_backend_timeout: (message) => {
    const wait = /within (\d+(?:\.\d+)?) s/.exec(message)?.[1];
    return `Le service de paiement n’a pas répondu${wait ? ` en ${wait} s` : " à temps"}. Réessayez dans un instant.`;
  },
  payment_backend_error: (message) => {
    const refused = /^The payment backend refused the request \((.+)\)\.$/s.exec(message);
    if (refused) return `Le service de paiement a refusé la demande (${refused[1]}).`;
    return message === "The payment could not be started. Try again in a moment." ? "Le paiement n’a pas pu démarrer. Réessayez dans un instant." : null;
  },
  payment_backend_bad_answer: () => "Le service de paiement a envoyé une réponse qui ne suit pas le contrat.",
  payments_not_configured: () => "Les paiements ne sont pas configurés sur ce serveur.",
  database_unavailable: (message) => {
    const wait = /Try again in (\d+) s\.$/.exec(message)?.[1];
    return `La base de données est injoignable pour le moment ; rien n’a été modifié. Réessayez${wait ? ` dans ${wait} s` : " dans un instant"}.`;
  },
  webhook_url_refused: (message) => {
    for (const [re, french] of WEBHOOK_URL_FR) {
      const m = re.exec(message);
      if (m) return french(m);
    }
    return null;
  },
  webhook_endpoint_limit: (message) => {
    const max = /at most (\d+) webhook endpoints/.exec(message)?.[1];
    return max ? `Une équipe peut avoir au plus ${max} adresses de webhook. Retirez-en une pour en ajouter une autre.` : null;
  },
  webhook_no_event_types: () => "Choisissez au moins un type d’événement.",
  webhook_unknown_event_type: (message) => {
    const types = /^Unknown event type: (.+)\.$/.exec(message)?.[1];
    return types ? `Type d’événement inconnu : ${types}.` : null;
  },
  webhook_description_too_long: (message) => {
    const max = /at most (\d+) characters/.exec(message)?.[1];
    return max ? `La description fait au plus ${max} caractères.` : null;
  },
  // Spec 19: support's actions and the satisfaction rating.
  credit_over_cap: (message) => {
    const m = /^amount: a grant is at most (\S+ \w+) \((\S+) EUR( at the fixed parity)?\)\.$/.exec(message);
    return m ? `amount: un crédit est d’au plus ${m[1]} (${m[2]} EUR${m[3] ? " à la parité fixe" : ""}).` : null;
  },
  stripe_subscription_active: (message) =>
    message.startsWith("A Stripe card subscription renews this team's Pro")
      ? "Un abonnement par carte Stripe renouvelle le Pro de cette équipe : sa période appartient à Stripe et ne peut pas être prolongée ici."
      : null,
  ticket_closed: () => "Ce ticket est fermé : il n’accepte plus de message ni de changement. Ouvrez un nouveau ticket si vous avez encore besoin d’aide.",
  ticket_not_resolved: () => "Un ticket peut être noté une fois résolu.",
  already_rated: () => "Ce ticket a déjà été noté ; une note ne se donne qu’une fois.",
  not_requester: () => "Seule la personne qui a ouvert ce ticket peut le noter.",
  invalid_rating_link: () => "Ce lien de notation n’est pas valide, ou a déjà servi.",
  not_pending: (message) =>
    message === "No payment provider ever took this payment, so there is nothing to ask."
      ? "Aucun prestataire de paiement n’a jamais pris en charge ce paiement : il n’y a rien à lui demander."
      : null,
  internal_error: () => "Une erreur est survenue de notre côté. Réessayez ; si cela continue, contactez le support.",
};

/**
 * The message of a refusal in the reader's language: English as the service wrote it, or the
 * French of its reason when there is one that fits this message.
 */
export function localizeErrorMessage(error: { reason: string; message: string; details?: Record<string, unknown> }, locale: TLocale): string {
  if (locale === "en") return error.message;
  return FRENCH[error.reason]?.(error.message, error.details) ?? error.message;
}

/** The reasons with a French text, for the tests and the README. */
export const LOCALIZED_REASONS = Object.keys(FRENCH);
