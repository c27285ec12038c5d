"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import {
  Bell,
  CalendarClock,
  CalendarX,
  CheckCheck,
  CheckCircle2,
  CreditCard,
  Hourglass,
  Info,
  MoonStar,
  RefreshCw,
  TrendingUp,
  type LucideIcon,
  XCircle,
} from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties } from "react";
import { toast } from "@/components/toast";
import type { AppRouter } from "@/trpc/types";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { RelativeTime } from "./relative-time";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { LoadingFrame } from "./list-states";
import { Skeleton } from "./ui/skeleton";
import { LEVEL_LOOK } from "./usage/level";
import { clock } from "@/lib/clock";
import type { TNotificationKind } from "@/lib/notifications";

type TNotificationList = inferRouterOutputs<AppRouter>["notifications"]["list"];
type TNotification = TNotificationList["notifications"][number];

/** How many the panel lists (newest first); the badge counts every unread one. */
const LIST_LIMIT = 20;
const POLL_MS = 30_000;

type TKindKey =
  | "usageWarning"
  | "usageCritical"
  | "usageExceeded"
  | "paymentCompleted"
  | "paymentFailed"
  | "paymentPending"
  | "paymentLateCompletion"
  | "addonExpiring"
  | "addonExpired"
  | "planExpiring"
  | "planExpired"
  | "planCardBillingDuplicate"
  | "planCardBillingStopped"
  | "projectInactiveWarning"
  | "projectInactive"
  | "balanceLow"
  | "subscriptionRenewed"
  | "subscriptionLapsed"
  | "webhookDisabled"
  | "usageForecast"
  | "other";

const NEUTRAL = "text-muted-foreground";

/**
 * Each kind's look (every kind has one: the type says so): an icon and a word always go with the colour. Usage levels reuse the usage
 * pages' look (`LEVEL_LOOK`), so a level reads the same everywhere; payments completed and renewals
 * from the balance are green, failures and lapses red, the rest neutral (warnings amber).
 */
const KIND_LOOK: Record<TNotificationKind, { key: TKindKey; Icon: LucideIcon; text: string }> = {
  "usage.warning": { key: "usageWarning", Icon: LEVEL_LOOK.warning.Icon, text: LEVEL_LOOK.warning.text },
  "usage.critical": { key: "usageCritical", Icon: LEVEL_LOOK.critical.Icon, text: LEVEL_LOOK.critical.text },
  "usage.exceeded": { key: "usageExceeded", Icon: LEVEL_LOOK.exceeded.Icon, text: LEVEL_LOOK.exceeded.text },
  "usage.forecast": { key: "usageForecast", Icon: TrendingUp, text: NEUTRAL },
  "payment.completed": { key: "paymentCompleted", Icon: CheckCircle2, text: "text-ok" },
  "payment.failed": { key: "paymentFailed", Icon: XCircle, text: "text-critical" },
  "payment.pending": { key: "paymentPending", Icon: Hourglass, text: NEUTRAL },
  "payment.late_completion": { key: "paymentLateCompletion", Icon: LEVEL_LOOK.warning.Icon, text: LEVEL_LOOK.warning.text },
  "addon.expiring": { key: "addonExpiring", Icon: CalendarClock, text: NEUTRAL },
  "addon.expired": { key: "addonExpired", Icon: CalendarX, text: NEUTRAL },
  "plan.expiring": { key: "planExpiring", Icon: CalendarClock, text: NEUTRAL },
  "plan.expired": { key: "planExpired", Icon: CalendarX, text: NEUTRAL },
  "plan.card_billing_duplicate": { key: "planCardBillingDuplicate", Icon: LEVEL_LOOK.warning.Icon, text: LEVEL_LOOK.warning.text },
  "plan.card_billing_stopped": { key: "planCardBillingStopped", Icon: CreditCard, text: NEUTRAL },
  "project.inactive_warning": { key: "projectInactiveWarning", Icon: LEVEL_LOOK.warning.Icon, text: LEVEL_LOOK.warning.text },
  "project.inactive": { key: "projectInactive", Icon: MoonStar, text: NEUTRAL },
  "balance.low": { key: "balanceLow", Icon: LEVEL_LOOK.warning.Icon, text: LEVEL_LOOK.warning.text },
  "subscription.renewed": { key: "subscriptionRenewed", Icon: RefreshCw, text: "text-ok" },
  "subscription.lapsed": { key: "subscriptionLapsed", Icon: CalendarX, text: "text-critical" },
  "webhook.disabled": { key: "webhookDisabled", Icon: XCircle, text: "text-critical" },
};
const OTHER_LOOK = { key: "other" as const, Icon: Info, text: NEUTRAL };

function lookOf(kind: string) {
  return KIND_LOOK[kind as TNotificationKind] ?? OTHER_LOOK;
}

/** The list with the given notifications (all when `ids` is omitted) marked read, as the server will. */
function markedLocally(list: TNotificationList, ids: string[] | undefined): TNotificationList {
  const now = clock.now();
  let marked = 0;
  const notifications = list.notifications.map((n) => {
    if (n.read_at || (ids && !ids.includes(n.id))) return n;
    marked += 1;
    return { ...n, read_at: now };
  });
  return { notifications, unread: ids ? Math.max(0, list.unread - marked) : 0 };
}

/** Where the panel goes: under the bell, right-aligned with it, but never past either edge of the screen. */
function placePanel(trigger: HTMLElement): CSSProperties {
  const rect = trigger.getBoundingClientRect();
  const viewportWidth = document.documentElement.clientWidth;
  const width = Math.min(384, viewportWidth - 16);
  const right = Math.max(8, Math.min(viewportWidth - rect.right, viewportWidth - 8 - width));
  const top = rect.bottom + 6;
  return { top, right, width, maxHeight: Math.max(200, window.innerHeight - top - 8) };
}

/**
 * The bell in the header: the unread count on it, and a panel with the latest notifications of the
 * user's teams. Polls every 30 s and when the window gets the focus back.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const panelId = useId();
  const titleId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [panelStyle, setPanelStyle] = useState<CSSProperties>({});

  const listInput = { limit: LIST_LIMIT };
  const list = useQuery(
    trpc.notifications.list.queryOptions(listInput, {
      refetchInterval: POLL_MS,
      refetchOnWindowFocus: "always",
    }),
  );
  const listKey = trpc.notifications.list.queryKey(listInput);

  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onMutate: async ({ ids }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        if (previous) queryClient.setQueryData(listKey, markedLocally(previous, ids));
        return { previous };
      },
      onError: (_error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        toast.error(t("markError"));
      },
      onSettled: () => refreshQueries(queryClient, trpc.notifications.list.pathFilter()),
    }),
  );

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) triggerRef.current?.focus();
  }, []);

  // Placed on opening, and again when the window is resized or scrolled.
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      if (triggerRef.current) setPanelStyle(placePanel(triggerRef.current));
    };
    place();
    panelRef.current?.focus();
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
    };
  }, [open]);

  // Escape or a click elsewhere closes it.
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") close(true);
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !triggerRef.current?.contains(target)) close(false);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open, close]);

  const unread = list.data?.unread ?? 0;
  const notifications = list.data?.notifications ?? [];

  function toggle() {
    if (!open) void list.refetch();
    setOpen(!open);
  }

  function onItemClick(n: TNotification) {
    if (!n.read_at) markRead.mutate({ ids: [n.id] });
  }

  return (
    <div
      className="relative"
      onBlur={(event) => {
        // Tabbing out of the panel closes it (a click elsewhere is handled above).
        const next = event.relatedTarget as Node | null;
        if (open && next && !event.currentTarget.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={triggerRef}
        type="button"
        aria-label={unread > 0 ? t("buttonUnread", { count: unread }) : t("button")}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-haspopup="dialog"
        onClick={toggle}
        className="relative inline-flex size-8 items-center justify-center rounded-md border border-input bg-card text-foreground shadow-sm transition-colors hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring aria-expanded:bg-muted"
      >
        <Bell aria-hidden className="size-4" />
        {unread > 0 ? (
          <span
            data-testid="unread-count"
            aria-hidden
            className="absolute -right-1 -top-1 flex h-[1.125rem] min-w-[1.125rem] items-center justify-center rounded-full bg-primary px-1 text-[0.6875rem] font-semibold leading-none text-primary-foreground ring-2 ring-card tabular-nums"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>

      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-labelledby={titleId}
          tabIndex={-1}
          data-testid="notification-list"
          style={panelStyle}
          className="fixed z-50 flex flex-col overflow-hidden rounded-lg border bg-card text-card-foreground shadow-lg focus-visible:outline-none"
        >
          <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
            <h2 id={titleId} className="text-sm font-semibold">
              {t("title")}
            </h2>
            {notifications.length > 0 ? (
              <Button variant="ghost" size="sm" onClick={() => markRead.mutate({})} disabled={unread === 0 || markRead.isPending}>
                <CheckCheck aria-hidden />
                {t("markAllRead")}
              </Button>
            ) : null}
          </div>

          <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">
            {list.isPending ? (
              <LoadingFrame className="space-y-3 p-3">
                {[0, 1, 2].map((i) => (
                  <div key={i} className="flex gap-3">
                    <Skeleton className="size-4 shrink-0 rounded-full" />
                    <div className="flex-1 space-y-1.5">
                      <Skeleton className="h-3 w-1/3" />
                      <Skeleton className="h-4 w-3/4" />
                      <Skeleton className="h-3 w-full" />
                    </div>
                  </div>
                ))}
              </LoadingFrame>
            ) : list.isError && !list.data ? (
              <div className="flex flex-col items-center gap-3 px-4 py-8 text-center text-sm" role="alert">
                <XCircle aria-hidden className="size-6 text-critical" />
                <p>{t("loadError")}</p>
                <Button variant="outline" size="sm" onClick={() => void list.refetch()} disabled={list.isFetching}>
                  {tc("retry")}
                </Button>
              </div>
            ) : notifications.length === 0 ? (
              <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
                <Bell aria-hidden className="size-7 text-muted-foreground" />
                <p className="font-medium">{t("empty")}</p>
                <p className="text-sm text-muted-foreground">{t("emptyHint")}</p>
              </div>
            ) : (
              <ul className="divide-y">
                {notifications.map((n) => {
                  const look = lookOf(n.kind);
                  const isUnread = !n.read_at;
                  return (
                    <li key={n.id} data-notification={n.id} data-read={isUnread ? "false" : "true"}>
                      <button
                        type="button"
                        onClick={() => onItemClick(n)}
                        className={cn(
                          "flex w-full gap-3 px-3 py-2.5 text-left transition-colors hover:bg-muted focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                          isUnread && "bg-primary/[0.04]",
                        )}
                      >
                        <look.Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", look.text)} />
                        <span className="min-w-0 flex-1">
                          <span className="flex flex-wrap items-center gap-x-1.5 text-xs">
                            {isUnread ? <span className="sr-only">{t("unread")}:</span> : null}
                            <span className={cn("font-medium", look.text)}>{t(`kinds.${look.key}`)}</span>
                            <span aria-hidden className="text-muted-foreground">
                              ·
                            </span>
                            <span className="text-muted-foreground">
                              <RelativeTime date={n.created_at} locale={locale} />
                            </span>
                          </span>
                          <span className={cn("mt-0.5 block text-sm break-words", isUnread ? "font-semibold" : "font-normal")}>{n.title}</span>
                          <span className="mt-0.5 block text-sm break-words text-muted-foreground">{n.body}</span>
                        </span>
                        {isUnread ? <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-primary" /> : null}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
