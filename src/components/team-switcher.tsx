"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { TPlanId } from "@/lib/plans";
import { PlanBadge } from "./plan-badge";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "./ui/dropdown-menu";

export interface TTeamSwitcherTeam {
  slug: string;
  name: string;
  plan: TPlanId;
}

/** The current team, and a menu of the user's teams (with their plans) plus "Create team". */
export function TeamSwitcher({ teams, current }: { teams: TTeamSwitcherTeam[]; current?: TTeamSwitcherTeam }) {
  const t = useTranslations("header");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={current ? t("switchTeam", { team: current.name }) : t("chooseTeam")}
        className="inline-flex h-9 min-w-0 max-w-full items-center sm:max-w-[18rem] gap-2 rounded-md border border-input bg-card px-3 text-sm font-medium shadow-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring data-[state=open]:bg-muted"
      >
        <span className="truncate">{current ? current.name : t("chooseTeam")}</span>
        {current ? <PlanBadge plan={current.plan} /> : null}
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-muted-foreground" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-72">
        <DropdownMenuLabel>{t("yourTeams")}</DropdownMenuLabel>
        {teams.map((team) => {
          const isCurrent = team.slug === current?.slug;
          return (
            <DropdownMenuItem key={team.slug} asChild>
              <Link href={`/teams/${team.slug}`} aria-current={isCurrent ? "page" : undefined}>
                <Check aria-hidden className={isCurrent ? "opacity-100" : "opacity-0"} />
                <span className="min-w-0 flex-1 truncate">{team.name}</span>
                <PlanBadge plan={team.plan} />
              </Link>
            </DropdownMenuItem>
          );
        })}
        {teams.length > 0 ? <DropdownMenuSeparator /> : null}
        <DropdownMenuItem asChild>
          <Link href="/teams/new">
            <Plus aria-hidden />
            {t("createTeam")}
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
