"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Plus, Webhook } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { MAX_WEBHOOK_ENDPOINTS_PER_TEAM, WEBHOOK_EVENT_TYPES, type TWebhookEventType } from "@/lib/webhooks";
import { useTRPC } from "@/trpc/react";
import type { TRouterOutputs } from "@/trpc/types";
import { refreshQueries } from "@/trpc/refresh";
import { ConfirmDialogContent } from "@/components/confirm-dialog";
import { describeError } from "@/components/error-message";
import { ListLoadError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { EmptyState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SecretOnceBox } from "./secret-once-box";

const GROUPS = ["usage", "project", "payment", "subscription", "balance", "addon", "ticket"] as const;
type TGroup = (typeof GROUPS)[number];

function groupOf(type: TWebhookEventType): TGroup {
  return type.split(".")[0] as TGroup;
}

function reasonOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { reason?: string } | undefined)?.reason : undefined;
}

interface TSecret {
  url: string;
  secret: string;
  rotated: boolean;
}

/** The team's outbound webhook endpoints (spec 18.1), for owners and admins: add, secret once, rotate, enable, remove, test, deliveries, replay. */
export function WebhooksSection({ team }: { team: string }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listQuery = trpc.webhooks.endpoints.queryOptions({ team });
  const endpoints = useQuery(listQuery);
  const refresh = () => refreshQueries(queryClient, { queryKey: trpc.webhooks.pathKey() });

  const [shown, setShown] = useState<TSecret | null>(null);
  const [removing, setRemoving] = useState<{ id: string; url: string } | null>(null);

  const remove = useMutation(
    trpc.webhooks.removeEndpoint.mutationOptions({
      onSuccess: async () => {
        toast.success(t("removed"));
        setRemoving(null);
        await refresh();
      },
    }),
  );

  const atCap = (endpoints.data?.length ?? 0) >= MAX_WEBHOOK_ENDPOINTS_PER_TEAM;

  return (
    <Card aria-labelledby="webhooks-title" data-testid="webhooks">
      <CardHeader>
        <CardTitle id="webhooks-title" className="flex items-center gap-2">
          <Webhook aria-hidden className="size-4 text-muted-foreground" />
          {t("title")}
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        {shown ? <SecretBox shown={shown} onDismiss={() => setShown(null)} /> : null}

        {endpoints.isPending ? (
          <ListSkeleton rows={2} />
        ) : endpoints.isError ? (
          <ListLoadError message={t("loadError")} error={describeError(endpoints.error, "")} onRetry={() => void endpoints.refetch()} />
        ) : endpoints.data.length === 0 ? (
          <EmptyState icon={<Webhook />} title={t("empty")} />
        ) : (
          <ul className="space-y-4" aria-label={t("endpointsLabel")}>
            {endpoints.data.map((endpoint) => (
              <EndpointItem
                key={endpoint.id}
                team={team}
                endpoint={endpoint}
                onSecret={(secret) => setShown({ url: endpoint.url, secret, rotated: true })}
                onRemove={() => {
                  remove.reset();
                  setRemoving({ id: endpoint.id, url: endpoint.url });
                }}
                onChanged={refresh}
              />
            ))}
          </ul>
        )}

        {atCap ? (
          <Alert variant="info">{t("limitReached", { limit: MAX_WEBHOOK_ENDPOINTS_PER_TEAM })}</Alert>
        ) : (
          <AddEndpointForm
            team={team}
            onAdded={async (url, secret) => {
              setShown({ url, secret, rotated: false });
              await refresh();
            }}
          />
        )}
      </CardContent>

      <Dialog open={removing !== null} onOpenChange={(open) => (open ? null : setRemoving(null))}>
        {removing ? (
          <ConfirmDialogContent
            title={t("removeTitle")}
            description={t("removeDescription", { url: removing.url })}
            error={remove.isError ? describeError(remove.error, tc("unknownError")) : null}
            confirmLabel={t("removeConfirm")}
            pendingLabel={t("removing")}
            isPending={remove.isPending}
            onConfirm={() => remove.mutate({ team, id: removing.id })}
          />
        ) : null}
      </Dialog>
    </Card>
  );
}

function AddEndpointForm({ team, onAdded }: { team: string; onAdded: (url: string, secret: string) => Promise<void> }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const id = useId();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<TWebhookEventType[]>([]);

  const add = useMutation(
    trpc.webhooks.addEndpoint.mutationOptions({
      onSuccess: async (result) => {
        setUrl("");
        setDescription("");
        setTypes([]);
        await onAdded(result.endpoint.url, result.secret);
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate({ team, url: url.trim(), event_types: types, description: description.trim() || undefined });
  }

  function toggle(type: TWebhookEventType, on: boolean) {
    if (add.isError) add.reset();
    setTypes((current) => (on ? [...current, type] : current.filter((x) => x !== type)));
  }

  const reason = add.isError ? reasonOf(add.error) : undefined;
  const errorText = !add.isError
    ? null
    : reason === "webhook_url_refused"
      ? t("urlRefused", { detail: describeError(add.error, "") })
      : reason === "webhook_endpoint_limit"
        ? t("limitReached", { limit: MAX_WEBHOOK_ENDPOINTS_PER_TEAM })
        : describeError(add.error, tc("unknownError"));

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border p-4" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="font-semibold">
        {t("addTitle")}
      </h3>
      <div className="space-y-2">
        <Label htmlFor={`${id}-url`}>{t("url")}</Label>
        <Input
          id={`${id}-url`}
          type="url"
          required
          maxLength={2048}
          autoComplete="off"
          placeholder="https://example.com/webhooks/servelink"
          aria-describedby={`${id}-url-hint`}
          aria-invalid={reason === "webhook_url_refused" ? true : undefined}
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
            if (add.isError) add.reset();
          }}
        />
        <p id={`${id}-url-hint`} className="text-sm text-muted-foreground">
          {t("urlHint")}
        </p>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium">{t("eventTypes")}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {GROUPS.map((group) => (
            <fieldset key={group} className="space-y-1.5">
              <legend className="text-sm text-muted-foreground">{t(`group.${group}`)}</legend>
              {WEBHOOK_EVENT_TYPES.filter((type) => groupOf(type) === group).map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-primary"
                    checked={types.includes(type)}
                    onChange={(event) => toggle(type, event.target.checked)}
                  />
                  <span className="break-all font-mono text-xs">{type}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>
      <div className="space-y-2">
        <Label htmlFor={`${id}-description`}>{t("descriptionLabel")}</Label>
        <Input id={`${id}-description`} maxLength={200} autoComplete="off" value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      {errorText ? <Alert variant="error">{errorText}</Alert> : null}
      <Button type="submit" disabled={add.isPending || url.trim() === "" || types.length === 0}>
        <Plus aria-hidden />
        {add.isPending ? t("adding") : t("add")}
      </Button>
    </form>
  );
}

type TEndpoint = TRouterOutputs["webhooks"]["endpoints"][number];

function EndpointItem({
  team,
  endpoint,
  onSecret,
  onRemove,
  onChanged,
}: {
  team: string;
  endpoint: TEndpoint;
  onSecret: (secret: string) => void;
  onRemove: () => void;
  onChanged: () => Promise<unknown>;
}) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(describeError(e, tc("unknownError")));

  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: async (result) => {
        setError(null);
        onSecret(result.secret);
        await onChanged();
      },
      onError,
    }),
  );
  const setEnabled = useMutation(
    trpc.webhooks.setEnabled.mutationOptions({
      onSuccess: async (result) => {
        setError(null);
        toast.success(result.enabled ? t("enabledToast") : t("disabledToast"));
        await onChanged();
      },
      onError,
    }),
  );
  const sendTest = useMutation(
    trpc.webhooks.sendTest.mutationOptions({
      onSuccess: async () => {
        setError(null);
        toast.success(t("testSent"));
        await onChanged();
      },
      onError,
    }),
  );

  return (
    <li className="space-y-3 rounded-lg border p-4" data-endpoint={endpoint.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <p className="break-all font-mono text-sm font-medium">{endpoint.url}</p>
          {endpoint.description ? <p className="text-sm text-muted-foreground">{endpoint.description}</p> : null}
        </div>
        {endpoint.enabled ? <Badge variant="ok">{t("statusEnabled")}</Badge> : <Badge variant="neutral">{t("statusDisabled")}</Badge>}
      </div>
      {!endpoint.enabled && endpoint.disabled_reason ? (
        <p className="text-sm text-muted-foreground">{t("disabledReason", { reason: endpoint.disabled_reason })}</p>
      ) : null}
      {endpoint.failing_since ? (
        <p className="text-sm text-warning">
          {t("failingSince")} <RelativeTime date={endpoint.failing_since} locale={locale} />
        </p>
      ) : null}
      {endpoint.previous_secret_expires_at ? (
        <p className="text-sm text-muted-foreground">
          {t("previousSecretUntil")} <RelativeTime date={endpoint.previous_secret_expires_at} locale={locale} />
        </p>
      ) : null}
      <ul className="flex flex-wrap gap-1.5" aria-label={t("eventTypes")}>
        {endpoint.event_types.map((type) => (
          <li key={type}>
            <Badge variant="neutral" className="font-mono">
              {type}
            </Badge>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" disabled={sendTest.isPending} onClick={() => sendTest.mutate({ team, id: endpoint.id })}>
          {sendTest.isPending ? t("sendingTest") : t("sendTest")}
        </Button>
        <Button variant="outline" size="sm" disabled={rotate.isPending} onClick={() => rotate.mutate({ team, id: endpoint.id })}>
          {t("rotate")}
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={setEnabled.isPending}
          onClick={() => setEnabled.mutate({ team, id: endpoint.id, enabled: !endpoint.enabled })}
        >
          {endpoint.enabled ? t("disable") : t("enable")}
        </Button>
        <Button variant="outline" size="sm" onClick={onRemove}>
          {t("remove")}
        </Button>
      </div>
      {error ? <Alert variant="error">{error}</Alert> : null}
      <Deliveries team={team} endpointId={endpoint.id} />
    </li>
  );
}

function Deliveries({ team, endpointId }: { team: string; endpointId: string }) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.webhooks.deliveries.queryOptions({ team, endpoint_id: endpointId, limit: 10 });
  const deliveries = useQuery(options);
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSuccess: async () => {
        toast.success(t("replayed"));
        await refreshQueries(queryClient, { queryKey: options.queryKey });
      },
    }),
  );

  return (
    <section className="space-y-2" aria-label={t("deliveries")}>
      <h4 className="text-sm font-medium">{t("deliveries")}</h4>
      {deliveries.isPending ? (
        <ListSkeleton rows={1} />
      ) : deliveries.isError ? (
        <ListLoadError message={t("deliveriesError")} error={describeError(deliveries.error, "")} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("deliveriesEmpty")}</p>
      ) : (
        <ul className="divide-y rounded-md border">
          {deliveries.data.map((d) => {
            const last = d.attempt_log.at(-1);
            return (
              <li key={d.id} data-delivery={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 p-2 text-sm">
                <span className="break-all font-mono text-xs">{d.event_type}</span>
                <Badge variant={d.status === "delivered" ? "ok" : d.status === "pending" ? "neutral" : "critical"} data-testid="delivery-status">
                  {t(`status.${d.status}`)}
                </Badge>
                <span className="text-muted-foreground">{t("attempts", { count: d.attempts })}</span>
                <span className="text-muted-foreground">{last?.status_code != null ? t("lastCode", { code: last.status_code }) : t("noCode")}</span>
                <span className="text-muted-foreground">
                  <RelativeTime date={d.last_attempt_at ?? d.created_at} locale={locale} />
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  disabled={replay.isPending}
                  aria-label={`${t("replay")} ${d.event_type}`}
                  onClick={() => replay.mutate({ team, delivery_id: d.id })}
                >
                  {t("replay")}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {replay.isError ? <Alert variant="error">{describeError(replay.error, tc("unknownError"))}</Alert> : null}
    </section>
  );
}

function SecretBox({ shown, onDismiss }: { shown: TSecret; onDismiss: () => void }) {
  const t = useTranslations("webhooks");
  return (
    <SecretOnceBox
      title={shown.rotated ? t("secretRotatedTitle") : t("secretTitle")}
      secret={shown.secret}
      labels={{ copy: t("copy"), copied: t("copied"), copiedToast: t("copiedToast"), copyFailed: t("copyFailed"), dismiss: t("dismissSecret") }}
      onDismiss={onDismiss}
      testId="webhook-secret"
      valueTestId="webhook-secret-value"
    >
      <p className="break-all text-sm">{shown.url}</p>
      <p className="text-sm">{t("secretWarning")}</p>
      {shown.rotated ? <p className="text-sm">{t("secretOverlap")}</p> : null}
    </SecretOnceBox>
  );
}
