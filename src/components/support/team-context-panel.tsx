"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, CalendarPlus, Coins, PlayCircle, RefreshCw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "@/components/toast";
import { formatBytes, formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { reasonText } from "@/lib/payment-reasons";
import type { TPaymentStatus } from "@/lib/payments";
import { CURRENCY_EXPONENT, type TCurrency } from "@/lib/money";
import { EXTEND_PRO_MAX_DAYS } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { PaymentStatusBadge } from "@/components/billing/payment-status-badge";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { LoadingFrame, RetryAlert } from "@/components/list-states";
import { PlanBadge } from "@/components/plan-badge";
import { ProjectStatusBadge } from "@/components/project-status-badge";
import { RelativeTime } from "@/components/relative-time";
import { LevelBadge } from "@/components/usage/level";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { OPEN_PAYMENT_STATUSES } from "@/lib/payments";
import type { TTeamContext } from "./types";

type TAction = { kind: "recheck"; paymentId: string; label: string } | { kind: "extend" } | { kind: "lift" } | { kind: "credit" };

/** The payments a recheck can move: not final yet, or failed (a provider may have taken the money after all). */
const RECHECKABLE: readonly string[] = [...OPEN_PAYMENT_STATUSES, "failed"];

/**
 * The team's billing context beside a staff ticket (spec 19): plan, balance, the month's usage
 * levels, stopped projects and why, the last payments, add-ons and unread alerts, with the
 * actions support takes from the ticket (each confirmed in a dialog, audited by the server, and
 * announced in the conversation, which is refreshed with the panel after it).
 */
export function TeamContextPanel({ ticketId, isClosed }: { ticketId: string; isClosed: boolean }) {
  const t = useTranslations("cockpit");
  const tp = useTranslations("payments");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [action, setAction] = useState<TAction | null>(null);
  const context = useQuery(trpc.support.teamContext.queryOptions({ ticketId }));

  const refresh = () => refreshQueries(queryClient, trpc.support.pathFilter());
  // What the server does after its answer (a suspension lifted by a payment) shows a moment later.
  const refreshSoon = () => {
    for (const ms of [2000, 6000]) window.setTimeout(() => void refresh(), ms);
  };
  const done = async (message: string, later = false) => {
    toast.success(message);
    setAction(null);
    await refresh();
    if (later) refreshSoon();
  };
  const onError = (error: unknown) => toast.error(describeError(error, tc("unknownError")));

  const recheck = useMutation(
    trpc.support.recheckPayment.mutationOptions({
      onSuccess: (r) => done(t("recheckDone", { status: tp(`status.${r.status}`) }), r.settled),
      onError,
    }),
  );
  const extend = useMutation(
    trpc.support.extendPro.mutationOptions({
      onSuccess: (r) => done(t("extendDone", { date: formatDate(r.period_end, locale) }), true),
      onError,
    }),
  );
  const lift = useMutation(
    trpc.support.liftSuspension.mutationOptions({
      // The projects are active again in the answer itself: nothing follows it later.
      onSuccess: (r) => done(t("liftDone", { count: r.reactivated_project_ids.length })),
      onError,
    }),
  );
  const credit = useMutation(
    trpc.support.grantCredit.mutationOptions({
      onSuccess: (r) => done(t("creditDone", { amount: formatMoney(r.amount_minor, r.currency, locale) })),
      onError,
    }),
  );

  const open = (next: TAction) => {
    for (const m of [recheck, extend, lift, credit]) m.reset();
    setAction(next);
  };

  return (
    <Card aria-labelledby={`${id}-title`} data-testid="team-context" className="lg:self-start">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t("title")}</CardTitle>
        {context.data ? <CardDescription>{context.data.team.name}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        {context.isError && !context.data ? (
          <RetryAlert
            testId="team-context-error"
            title={t("error")}
            error={describeError(context.error, tc("networkError"))}
            onRetry={() => void context.refetch()}
          />
        ) : !context.data ? (
          <LoadingFrame className="space-y-3">
            <Skeleton className="h-6 w-2/3" />
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-24 w-full" />
          </LoadingFrame>
        ) : (
          <ContextBody
            data={context.data}
            locale={locale}
            isClosed={isClosed}
            onRecheck={(paymentId, label) => open({ kind: "recheck", paymentId, label })}
            onExtend={() => open({ kind: "extend" })}
            onLift={() => open({ kind: "lift" })}
            onCredit={() => open({ kind: "credit" })}
          />
        )}
      </CardContent>

      <Dialog open={action?.kind === "recheck"} onOpenChange={(o) => !o && setAction(null)}>
        {action?.kind === "recheck" ? (
          <ConfirmDialogContent
            data-testid="recheck-dialog"
            title={t("recheckTitle")}
            description={t("recheckDescription", { payment: action.label })}
            error={recheck.isError ? describeError(recheck.error, tc("unknownError")) : null}
            confirmLabel={t("recheckConfirm")}
            pendingLabel={t("working")}
            isPending={recheck.isPending}
            onConfirm={() => recheck.mutate({ ticketId, paymentId: action.paymentId })}
          />
        ) : null}
      </Dialog>
      <Dialog open={action?.kind === "lift"} onOpenChange={(o) => !o && setAction(null)}>
        {action?.kind === "lift" ? (
          <ConfirmDialogContent
            data-testid="lift-dialog"
            title={t("liftTitle")}
            description={t("liftDescription")}
            error={lift.isError ? describeError(lift.error, tc("unknownError")) : null}
            confirmLabel={t("liftConfirm")}
            pendingLabel={t("working")}
            isPending={lift.isPending}
            onConfirm={() => lift.mutate({ ticketId })}
          />
        ) : null}
      </Dialog>
      <Dialog open={action?.kind === "extend"} onOpenChange={(o) => !o && setAction(null)}>
        {action?.kind === "extend" ? (
          <ExtendProDialog
            isPending={extend.isPending}
            error={extend.isError ? describeError(extend.error, tc("unknownError")) : null}
            onSubmit={(days) => extend.mutate({ ticketId, days })}
          />
        ) : null}
      </Dialog>
      <Dialog open={action?.kind === "credit"} onOpenChange={(o) => !o && setAction(null)}>
        {action?.kind === "credit" && context.data ? (
          <GrantCreditDialog
            currency={context.data.balance.currency}
            capMinor={context.data.credit_cap_minor}
            isPending={credit.isPending}
            error={credit.isError ? describeError(credit.error, tc("unknownError")) : null}
            onSubmit={(amount, reason) => credit.mutate({ ticketId, amount, reason })}
          />
        ) : null}
      </Dialog>
    </Card>
  );
}

function ContextBody({
  data,
  locale,
  isClosed,
  onRecheck,
  onExtend,
  onLift,
  onCredit,
}: {
  data: TTeamContext;
  locale: string;
  isClosed: boolean;
  onRecheck: (paymentId: string, label: string) => void;
  onExtend: () => void;
  onLift: () => void;
  onCredit: () => void;
}) {
  const t = useTranslations("cockpit");
  const tp = useTranslations("payments");
  const suspended = data.stopped_projects.filter((p) => p.status === "suspended");
  const metrics = [
    ["traffic", t("traffic"), data.usage.traffic],
    ["storage", t("storage"), data.usage.storage],
  ] as const;

  return (
    <div className="space-y-5 text-sm">
      <Section title={t("planSection")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
          <Row term={t("plan")}>
            <span className="inline-flex flex-wrap items-center justify-end gap-1" data-testid="context-plan" data-plan={data.plan.id}>
              <PlanBadge plan={data.plan.id} />
              {data.plan.status !== "active" ? <span className="text-muted-foreground">({data.plan.status})</span> : null}
            </span>
          </Row>
          {data.plan.current_period_end ? (
            <Row term={t("periodEnd")}>
              <time dateTime={new Date(data.plan.current_period_end).toISOString()} title={formatDateTime(data.plan.current_period_end, locale)}>
                {formatDate(data.plan.current_period_end, locale)}
              </time>
            </Row>
          ) : null}
          <Row term={t("balance")}>
            <span className="font-medium tabular-nums" data-testid="context-balance">
              {formatMoney(data.balance.balance_minor, data.balance.currency, locale)}
            </span>
          </Row>
          {data.suspension_grace_until ? (
            <Row term={t("graceUntil")}>
              <RelativeTime date={data.suspension_grace_until} locale={locale} />
            </Row>
          ) : null}
        </dl>
      </Section>

      <Section title={t("usageSection", { month: data.usage.month })}>
        <ul className="space-y-2">
          {metrics.map(([key, label, m]) => (
            <li key={key} className="flex flex-wrap items-center justify-between gap-2" data-metric={key} data-level={m.level}>
              <span>
                <span className="font-medium">{label}</span>{" "}
                <span className="text-muted-foreground">{t("usageOf", { used: formatBytes(m.bytes, locale), limit: formatBytes(m.limit_bytes, locale) })}</span>
              </span>
              <span className="inline-flex items-center gap-2">
                <span className="tabular-nums">
                  {m.percent === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(m.percent / 100)}
                </span>
                {/* The critical red on its soft background is under 4.5:1 for small text: the word dark, the icon red (as payment badges do). */}
                <LevelBadge level={m.level} className={m.level === "exceeded" ? "text-foreground [&_svg]:text-critical" : undefined} />
              </span>
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t("projectsSection", { count: data.stopped_projects.length, total: data.projects_total })}>
        {data.stopped_projects.length === 0 ? (
          <p className="text-muted-foreground">{t("allRunning")}</p>
        ) : (
          <ul className="space-y-2" data-testid="stopped-projects">
            {data.stopped_projects.map((p) => (
              <li key={p.id} className="space-y-1" data-project={p.slug} data-status={p.status}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{p.name}</span>
                  <ProjectStatusBadge status={p.status as "suspended" | "inactive"} />
                </div>
                <p className="text-muted-foreground">
                  {p.reason === "usage_limit"
                    ? t("reasonUsage", { metrics: p.over_limits.map((m) => t(m)).join(", ") || t("reasonUsageNow") })
                    : t("reasonIdle")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("paymentsSection")}>
        {data.payments.length === 0 ? (
          <p className="text-muted-foreground">{t("noPayments")}</p>
        ) : (
          <ul className="space-y-3" data-testid="context-payments">
            {data.payments.map((p) => {
              const amount = formatMoney(p.amount_minor, p.currency, locale);
              return (
                <li key={p.id} className="space-y-1 rounded-md border p-2" data-payment={p.id} data-status={p.status}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium tabular-nums">{amount}</span>
                    <PaymentStatusBadge status={p.status as TPaymentStatus} />
                  </div>
                  <p className="text-muted-foreground">
                    {tp(`purpose.${p.purpose}` as "purpose.plan_upgrade")} · {tp(`methods.${p.payment_method}` as "methods.mobile_money")} ·{" "}
                    {t(`provider.${p.provider}` as "provider.payment_backend")} · <RelativeTime date={p.created_at} locale={locale} />
                  </p>
                  {p.failure_reason ? (
                    <p className="text-foreground" data-testid="payment-failure-reason">
                      {reasonText(p.failure_reason, locale)}
                    </p>
                  ) : null}
                  {p.late_completion ? <p className="text-foreground">{t("lateCompletion")}</p> : null}
                  {RECHECKABLE.includes(p.status) && p.provider !== "balance" && !isClosed ? (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => onRecheck(p.id, `${amount} (${p.id})`)}
                      aria-label={t("recheckFor", { amount, id: p.id })}
                    >
                      <RefreshCw aria-hidden />
                      {t("recheck")}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <Section title={t("addonsSection")}>
        {data.addons.length === 0 ? (
          <p className="text-muted-foreground">{t("noAddons")}</p>
        ) : (
          <ul className="space-y-1">
            {data.addons.map((a) => (
              <li key={a.id} className="flex flex-wrap justify-between gap-2">
                <span>
                  {t(`addon.${a.resource_type}` as "addon.traffic")} × {a.quantity}
                  {a.status !== "active" ? ` (${a.status})` : ""}
                </span>
                {a.expires_at ? (
                  <span className="text-muted-foreground">
                    {t("expires")} <RelativeTime date={a.expires_at} locale={locale} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("alertsSection", { count: data.alerts.unread })}>
        {data.alerts.latest.length === 0 ? (
          <p className="text-muted-foreground">{t("noAlerts")}</p>
        ) : (
          <ul className="space-y-1.5">
            {data.alerts.latest.map((a) => (
              <li key={a.id} className="flex gap-2">
                <Bell aria-hidden className="mt-0.5 size-3.5 shrink-0 text-muted-foreground" />
                <span>
                  <span className="font-medium">{a.title}</span>{" "}
                  <span className="text-muted-foreground">
                    · <RelativeTime date={a.created_at} locale={locale} />
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {isClosed ? (
        <Alert variant="info">{t("closedNoActions")}</Alert>
      ) : (
        <div className="flex flex-col gap-2 border-t pt-4" role="group" aria-label={t("actions")}>
          <Button variant="outline" onClick={onExtend}>
            <CalendarPlus aria-hidden />
            {t("extend")}
          </Button>
          {suspended.length > 0 ? (
            <Button variant="outline" onClick={onLift}>
              <PlayCircle aria-hidden />
              {t("lift")}
            </Button>
          ) : null}
          <Button variant="outline" onClick={onCredit}>
            <Coins aria-hidden />
            {t("credit")}
          </Button>
        </div>
      )}
    </div>
  );
}

function ExtendProDialog({ isPending, error, onSubmit }: { isPending: boolean; error: string | null; onSubmit: (days: number) => void }) {
  const t = useTranslations("cockpit");
  const tc = useTranslations("common");
  const id = useId();
  const [days, setDays] = useState("7");
  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= EXTEND_PRO_MAX_DAYS;
  return (
    <DialogContent closeLabel={tc("close")} data-testid="extend-dialog">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (valid) onSubmit(n);
        }}
      >
        <DialogHeader>
          <DialogTitle>{t("extendTitle")}</DialogTitle>
          <DialogDescription>{t("extendDescription")}</DialogDescription>
        </DialogHeader>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-days`}>{t("days", { max: EXTEND_PRO_MAX_DAYS })}</Label>
          <Input
            id={`${id}-days`}
            type="number"
            inputMode="numeric"
            min={1}
            max={EXTEND_PRO_MAX_DAYS}
            step={1}
            value={days}
            aria-invalid={!valid || undefined}
            aria-describedby={!valid ? `${id}-days-error` : undefined}
            onChange={(e) => setDays(e.target.value)}
          />
          {!valid ? (
            <p id={`${id}-days-error`} className="text-sm text-critical">
              {t("daysInvalid", { max: EXTEND_PRO_MAX_DAYS })}
            </p>
          ) : null}
        </div>
        <FormFooter error={error} isPending={isPending} disabled={!valid} label={t("extendConfirm")} />
      </form>
    </DialogContent>
  );
}

function GrantCreditDialog({
  currency,
  capMinor,
  isPending,
  error,
  onSubmit,
}: {
  currency: TCurrency;
  capMinor: number;
  isPending: boolean;
  error: string | null;
  onSubmit: (amount: number, reason: string) => void;
}) {
  const t = useTranslations("cockpit");
  const tc = useTranslations("common");
  const locale = useLocale();
  const id = useId();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const exponent = CURRENCY_EXPONENT[currency];
  const cap = formatMoney(capMinor, currency, locale);
  const n = Number(amount.replace(",", "."));
  const amountOk = amount.trim() !== "" && Number.isFinite(n) && n > 0 && Math.round(n * 10 ** exponent) <= capMinor;
  const reasonOk = reason.trim().length >= 3 && reason.trim().length <= 500;
  return (
    <DialogContent closeLabel={tc("close")} data-testid="credit-dialog">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setTouched(true);
          if (amountOk && reasonOk) onSubmit(n, reason.trim());
        }}
      >
        <DialogHeader>
          <DialogTitle>{t("creditTitle")}</DialogTitle>
          <DialogDescription>{t("creditDescription", { cap })}</DialogDescription>
        </DialogHeader>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-amount`}>{t("amount", { currency })}</Label>
          <Input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            aria-invalid={(touched && !amountOk) || undefined}
            aria-describedby={`${id}-cap`}
            onChange={(e) => setAmount(e.target.value)}
          />
          <p id={`${id}-cap`} className={touched && !amountOk ? "text-sm text-critical" : "text-xs text-muted-foreground"}>
            {t("creditCap", { cap })}
          </p>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-reason`}>{t("creditReason")}</Label>
          <Textarea
            id={`${id}-reason`}
            rows={3}
            maxLength={500}
            value={reason}
            aria-invalid={(touched && !reasonOk) || undefined}
            aria-describedby={touched && !reasonOk ? `${id}-reason-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {touched && !reasonOk ? (
            <p id={`${id}-reason-error`} className="text-sm text-critical">
              {t("creditReasonInvalid")}
            </p>
          ) : null}
        </div>
        <FormFooter error={error} isPending={isPending} label={t("creditConfirm")} />
      </form>
    </DialogContent>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">{title}</h3>
      {children}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-right">{children}</dd>
    </div>
  );
}

/** The end of an action's form: the API's refusal, if any, then Cancel and the submit button. */
function FormFooter({ error, isPending, disabled = false, label }: { error: string | null; isPending: boolean; disabled?: boolean; label: string }) {
  const t = useTranslations("cockpit");
  const tc = useTranslations("common");
  return (
    <>
      {error !== null ? <Alert variant="error">{error}</Alert> : null}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            {tc("cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={isPending || disabled}>
          {isPending ? t("working") : label}
        </Button>
      </DialogFooter>
    </>
  );
}
