"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { RATING_MAX, RATING_MIN } from "@/lib/support";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { describeError } from "@/components/error-message";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { TTeamTicketDetail } from "./types";

const SCORES = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);

/**
 * The requester's satisfaction once the ticket is resolved (spec 19): five stars as radio buttons,
 * each with its words, and an optional comment; once given, "You rated this 5/5". Only the
 * requester gets the form: the team's other members read who may rate it, then the rating given.
 * The server's refusal shows as it comes: already rated (409, with the rating it keeps).
 */
export function TicketRating({
  team,
  ticketId,
  rating,
  requestedByYou,
}: {
  team: string;
  ticketId: string;
  rating: TTeamTicketDetail["rating"];
  requestedByYou: boolean;
}) {
  const t = useTranslations("support");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const rate = useMutation(
    trpc.tickets.rate.mutationOptions({
      onSuccess: async () => {
        toast.success(t("ratingThanks"));
        await refreshQueries(queryClient, trpc.tickets.pathFilter());
      },
      onError: () => void refreshQueries(queryClient, trpc.tickets.pathFilter()),
    }),
  );

  if (rating) {
    return (
      <section aria-labelledby={`${id}-title`} className="space-y-2 rounded-lg border bg-card p-3 sm:p-4" data-testid="ticket-rating" data-score={rating.score}>
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t("ratingTitle")}
        </h2>
        {rate.isError ? <Alert variant="error">{describeError(rate.error, tc("unknownError"))}</Alert> : null}
        <p className="flex items-center gap-2" data-testid="ticket-rated">
          <span aria-hidden className="flex text-amber-500">
            {SCORES.map((n) => (
              <Star key={n} className={cn("size-4", n <= rating.score ? "fill-current" : "text-muted-foreground")} />
            ))}
          </span>
          {t(requestedByYou ? "ratedAs" : "ratedByRequester", { score: rating.score, max: RATING_MAX })}
        </p>
        {rating.comment ? <p className="whitespace-pre-wrap break-words text-sm text-muted-foreground">{rating.comment}</p> : null}
      </section>
    );
  }

  if (!requestedByYou) {
    return (
      <p className="rounded-lg border bg-card p-3 text-sm text-muted-foreground sm:p-4" data-testid="ticket-rating-requester-only">
        {t("ratingRequesterOnly")}
      </p>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (score === null) {
      setMissing(true);
      return;
    }
    rate.mutate({ team, ticketId, score, comment: comment.trim() || undefined });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`} className="space-y-4 rounded-lg border bg-card p-3 sm:p-4" data-testid="ticket-rating">
      <div className="space-y-1">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {t("ratingTitle")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("ratingIntro")}</p>
      </div>
      <fieldset className="space-y-2" aria-describedby={missing ? `${id}-missing` : undefined}>
        <legend className="text-sm font-medium">{t("ratingScore")}</legend>
        <div className="flex flex-wrap gap-2">
          {SCORES.map((n) => (
            <label
              key={n}
              className={cn(
                "flex cursor-pointer items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm ",
                score !== null && n <= score ? "border-amber-400 bg-amber-50" : "bg-background",
              )}
            >
              <input
                type="radio"
                name={`${id}-score`}
                value={n}
                checked={score === n}
                onChange={() => {
                  setScore(n);
                  setMissing(false);
                }}
                className="size-4 shrink-0 accent-amber-600"
              />
              <Star aria-hidden className={cn("size-4", score !== null && n <= score ? "fill-amber-500 text-amber-600" : "text-muted-foreground")} />
              {t(`ratingLabel${n}` as "ratingLabel1")}
            </label>
          ))}
        </div>
        {missing ? (
          <p id={`${id}-missing`} className="text-sm text-critical">
            {t("ratingRequired")}
          </p>
        ) : null}
      </fieldset>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-comment`}>{t("ratingComment")}</Label>
        <Textarea id={`${id}-comment`} rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {rate.isError ? (
        <Alert variant="error" data-testid="rating-error">
          {describeError(rate.error, tc("unknownError"))}
        </Alert>
      ) : null}
      <Button type="submit" disabled={rate.isPending} className="max-sm:w-full">
        {rate.isPending ? t("ratingSending") : t("ratingSubmit")}
      </Button>
    </form>
  );
}
