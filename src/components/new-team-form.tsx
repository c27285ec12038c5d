"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "@/components/toast";
import { slugify } from "@/lib/slugify";
import { useTRPC } from "@/trpc/react";
import { refreshQueries } from "@/trpc/refresh";
import { describeError } from "./error-message";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Input } from "./ui/input";
import { Label } from "./ui/label";

export function NewTeamForm() {
  const t = useTranslations("newTeam");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  // The slug follows the name until the user edits it by hand.
  const [isSlugEdited, setIsSlugEdited] = useState(false);

  const create = useMutation(
    trpc.teams.create.mutationOptions({
      onSuccess: async (team) => {
        toast.success(t("created", { name: team.name }));
        await refreshQueries(queryClient, { queryKey: trpc.teams.list.queryKey() });
        router.push(`/teams/${team.slug}`);
        router.refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: name.trim(), slug: slug.trim() });
  }

  const shownSlug = slug || "…";
  return (
    <form onSubmit={onSubmit} className="space-y-5">
      <div className="space-y-2">
        <Label htmlFor="team-name">{t("name")}</Label>
        <Input
          id="team-name"
          name="name"
          required
          maxLength={100}
          autoFocus
          autoComplete="organization"
          placeholder={t("namePlaceholder")}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (!isSlugEdited) setSlug(slugify(event.target.value));
          }}
        />
      </div>
      <div className="space-y-2">
        <Label htmlFor="team-slug">{t("slug")}</Label>
        <Input
          id="team-slug"
          name="slug"
          required
          minLength={3}
          maxLength={40}
          pattern="[a-z0-9\-]{3,40}"
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono"
          aria-describedby="team-slug-hint"
          value={slug}
          onChange={(event) => {
            setIsSlugEdited(true);
            setSlug(event.target.value.toLowerCase());
          }}
        />
        <p id="team-slug-hint" className="text-xs text-muted-foreground">
          {t("slugHint", { slug: shownSlug })}
        </p>
      </div>
      {create.isError ? <Alert variant="error">{describeError(create.error, tc("unknownError"))}</Alert> : null}
      <Button type="submit" disabled={create.isPending || create.isSuccess}>
        {create.isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
