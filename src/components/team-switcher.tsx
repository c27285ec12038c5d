"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { TPlanId } from "@/lib/plans";
import { PlanBadge } from "./plan-badge";

export interface TTeamSwitcherTeam {
  slug: string;
  name: string;
  plan: TPlanId;
}

const ITEM = "flex items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none hover:bg-muted focus-visible:bg-muted [&_svg]:size-4 [&_svg]:shrink-0";

/**
 * The current team, and a list of the user's teams (with their plans) plus "Create team". It is
 * navigation, so a disclosure of links (a button that shows them), not an application menu: the
 * arrow keys move between the links, Escape or a click elsewhere closes it. No menu library, so
 * every page's scripts stay small (spec 18.3).
 */
export function TeamSwitcher({ teams, current }: { teams: TTeamSwitcherTeam[]; current?: TTeamSwitcherTeam }) {
  const t = useTranslations("header");
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const links = () => [...(rootRef.current?.querySelectorAll<HTMLAnchorElement>("[data-team-link]") ?? [])];

  useEffect(() => {
    if (!open) return;
    // The current team's link (or the first) takes the focus, as a menu's first item would.
    const all = links();
    (all.find((a) => a.getAttribute("aria-current") === "page") ?? all[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
      return;
    }
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (!open || next === undefined || all.length === 0) return;
    event.preventDefault();
    all[(next + all.length) % all.length]?.focus();
  }

  return (
    <div ref={rootRef} className="relative min-w-0" onKeyDown={onKeyDown}>
      <button
        ref={triggerRef}
        type="button"
        aria-label={current ? t("switchTeam", { team: current.name }) : t("chooseTeam")}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-9 min-w-0 max-w-full items-center sm:max-w-[18rem] gap-2 rounded-md border border-input bg-card px-3 text-sm font-medium shadow-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring aria-expanded:bg-muted"
      >
        <span className="truncate">{current ? current.name : t("chooseTeam")}</span>
        {current ? <PlanBadge plan={current.plan} /> : null}
        <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-muted-foreground" />
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute left-0 top-full z-50 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md border bg-card p-1 text-card-foreground shadow-md"
      >
        <p className="px-2 py-1.5 text-xs font-semibold text-muted-foreground">{t("yourTeams")}</p>
        <ul>
          {teams.map((team) => {
            const isCurrent = team.slug === current?.slug;
            return (
              <li key={team.slug}>
                <Link href={`/teams/${team.slug}`} data-team-link aria-current={isCurrent ? "page" : undefined} className={ITEM} onClick={() => setOpen(false)}>
                  <Check aria-hidden className={isCurrent ? "opacity-100" : "opacity-0"} />
                  <span className="min-w-0 flex-1 truncate">{team.name}</span>
                  <PlanBadge plan={team.plan} />
                </Link>
              </li>
            );
          })}
        </ul>
        {teams.length > 0 ? <hr className="-mx-1 my-1 border-border" /> : null}
        <Link href="/teams/new" data-team-link className={ITEM} onClick={() => setOpen(false)}>
          <Plus aria-hidden />
          {t("createTeam")}
        </Link>
      </div>
    </div>
  );
}
