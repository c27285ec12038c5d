"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
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

/** Owners and admins register a project; a refusal (the Free plan's 2 projects) is shown in place. */
export function AddProjectForm({ team }: { team: string }) {
  const t = useTranslations("overview");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState("");

  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: async (project) => {
        toast.success(t("added", { name: project.name }));
        setName("");
        await refreshQueries(queryClient, { queryKey: trpc.projects.list.queryKey({ team }) });
        router.refresh();
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ team, name: name.trim() });
  }

  const error = create.isError ? create.error : null;
  const isPlanLimit = (error?.data as { reason?: string } | undefined)?.reason === "plan_limit_reached";
  const slug = slugify(name);

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-labelledby="add-project-title">
      <h3 id="add-project-title" className="text-sm font-semibold">
        {t("addTitle")}
      </h3>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-2">
          <Label htmlFor="project-name">{t("addName")}</Label>
          <Input
            id="project-name"
            name="name"
            required
            maxLength={100}
            placeholder={t("addNamePlaceholder")}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (create.isError) create.reset();
            }}
            aria-describedby="project-slug-hint"
          />
        </div>
        <Button type="submit" disabled={create.isPending || name.trim() === ""}>
          <Plus aria-hidden />
          {create.isPending ? t("adding") : t("addSubmit")}
        </Button>
      </div>
      <p id="project-slug-hint" className="min-h-4 text-xs text-muted-foreground">
        {slug ? t("addSlugHint", { slug }) : null}
      </p>
      {error ? (
        <Alert variant={isPlanLimit ? "warning" : "error"} role="alert">
          <p>{describeError(error, tc("unknownError"))}</p>
          {isPlanLimit ? (
            <p>
              <Link href={`/teams/${team}/billing`} className="font-medium text-primary underline underline-offset-4">
                {t("seeBilling")}
              </Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
    </form>
  );
}
