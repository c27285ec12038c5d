import { clock } from "@/lib/clock";
import { SUPPORT_CREDIT_MAX_EUR_DEFAULT } from "@/lib/support";
import type { Db } from "@/server/db/client";
import type { TGlobalRole } from "@/lib/roles";
import { paymentsNotConfigured } from "@/server/errors";
import type { TMailer } from "@/server/integrations/mailer";
import type { TPaymentContext } from "@/server/services/payments/payments";
import type { TTeamAccess } from "@/server/services/teams/teams";
import type { TLocale } from "@/lib/locales";
import { resolveRequestLocale, type TCallerAuth } from "./request-locale";

export interface TSessionUser {
  id: string;
  email: string;
  name: string;
  role: TGlobalRole;
}

export interface TContextInner {
  db: Db;
  /** The request's instant, from the one clock (spec 13): every date rule of one call reads the same time. */
  now: Date;
  user: TSessionUser | null;
  /** How the user was identified; `invalid_token` when a Bearer token was sent but is not valid, `malformed_authorization` for another scheme. */
  auth: TCallerAuth;
  /** The payment backend and URLs (configured from the environment in the app, by the tests in tests). */
  payments: () => TPaymentContext;
  /** The same, or null when this server takes no payments (what shows then is "not available", not an error). */
  paymentsIfConfigured: () => TPaymentContext | null;
  /** The SMTP mailer, or null when SMTP_URL is not set (nothing is e-mailed). */
  mailer: TMailer | null;
  /** The team checks of this request's reads, each made once however many procedures ask (a page's batch). */
  teamAccessReads: Map<string, Promise<TTeamAccess>>;
  /** A cookie-authenticated HTTP request from another site (spec 13): its changes are refused. */
  isCrossSite: boolean;
  /** Counts a call of the user against this transport's budget: the seconds to wait, or 0 (tests and pages: no limit). */
  rateLimit: (userId: string) => number | Promise<number>;
  /** Called when a status read itself settled a payment (completed or failed): after the answer, the app e-mails its notice and re-evaluates the team's limits. */
  onPaymentCompleted: (teamId: string) => void;
  /** Called after a change wrote webhook events for the team (spec 18.1): after the answer, their first attempt and 5-second retry. */
  onWebhookEvents: (teamId: string) => void;
  /** Called after a change made suspended projects active (support's liftSuspension): after the answer, their containers start. */
  onProjectsReactivated: (input: { teamIds: string[]; wokenProjectIds: string[] }) => void;
  /** The most one support `grantCredit` gives, in euros (SUPPORT_CREDIT_MAX, spec 19). */
  supportCreditMaxEur: number;
  /** The reader's language (spec 14.6) for messages and notifications; resolved once, on first use. */
  locale: () => Promise<TLocale>;
}

const noPayments = (): TPaymentContext => {
  throw paymentsNotConfigured();
};

/** The context without HTTP: tests build it directly and call routers through `createCaller`. */
export function createContextInner(opts: {
  db: Db;
  now?: Date;
  user?: TSessionUser | null;
  auth?: TContextInner["auth"];
  payments?: () => TPaymentContext;
  paymentsIfConfigured?: () => TPaymentContext | null;
  mailer?: TMailer | null;
  onPaymentCompleted?: (teamId: string) => void;
  onWebhookEvents?: (teamId: string) => void;
  onProjectsReactivated?: (input: { teamIds: string[]; wokenProjectIds: string[] }) => void;
  supportCreditMaxEur?: number;
  isCrossSite?: boolean;
  rateLimit?: (userId: string) => number | Promise<number>;
  /** The HTTP request's headers: its Accept-Language and language cookie (none: the account's choice, else English). */
  headers?: Headers | null;
  /** A fixed reader's language (tests), instead of resolving it. */
  locale?: TLocale;
}): TContextInner {
  const auth = opts.auth ?? (opts.user ? "session" : "none");
  let locale: Promise<TLocale> | undefined;
  return {
    db: opts.db,
    now: opts.now ?? clock.now(),
    user: opts.user ?? null,
    auth,
    payments: opts.payments ?? noPayments,
    paymentsIfConfigured: opts.paymentsIfConfigured ?? opts.payments ?? (() => null),
    mailer: opts.mailer ?? null,
    onPaymentCompleted: opts.onPaymentCompleted ?? (() => {}),
    onWebhookEvents: opts.onWebhookEvents ?? (() => {}),
    onProjectsReactivated: opts.onProjectsReactivated ?? (() => {}),
    supportCreditMaxEur: opts.supportCreditMaxEur ?? SUPPORT_CREDIT_MAX_EUR_DEFAULT,
    teamAccessReads: new Map(),
    isCrossSite: opts.isCrossSite ?? false,
    rateLimit: opts.rateLimit ?? (() => 0),
    locale: () =>
      (locale ??= opts.locale ? Promise.resolve(opts.locale) : resolveRequestLocale(opts.db, { headers: opts.headers, auth, userId: opts.user?.id })),
  };
}
