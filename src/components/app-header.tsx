import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ReactNode } from "react";
import { DeferredLiveUpdates, DeferredNotificationBell } from "./header-deferred";
import { LanguageSwitch } from "./language-switch";
import { ServelinkLogo } from "./servelink-logo";
import { SignOutButton } from "./sign-out-button";
import { SupportConsoleLink } from "./support/support-console-link";
import { TeamSwitcher, type TTeamSwitcherTeam } from "./team-switcher";

/** The top of every signed-in page: brand, team switcher, language, account; `nav` goes below. */
export function AppHeader({ email, teams, current, nav }: { email: string; teams: TTeamSwitcherTeam[]; current?: TTeamSwitcherTeam; nav?: ReactNode }) {
  const t = useTranslations("header");
  const tc = useTranslations("common");
  return (
    <header className="border-b bg-card">
      <DeferredLiveUpdates />
      {/* One row on a desktop; on a phone the brand and account first, then the team switcher and e-mail. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="order-1 flex items-center gap-2 rounded-md font-semibold focus-visible:outline-2 focus-visible:outline-ring">
          <ServelinkLogo />
          <span>{tc("brand")}</span>
        </Link>
        <span aria-hidden className="order-2 hidden text-muted-foreground sm:inline">
          /
        </span>
        <div className="order-4 flex min-w-0 max-sm:basis-full sm:order-3">
          <TeamSwitcher teams={teams} current={current} />
        </div>
        <div className="order-2 ml-auto sm:order-4">
          <LanguageSwitch />
        </div>
        <span
          className="order-5 min-w-0 truncate text-sm text-muted-foreground max-sm:basis-full max-sm:text-xs sm:max-w-[14rem]"
          title={t("signedInAs", { email })}
        >
          {email}
        </span>
        <div className="order-3 flex items-center gap-2 sm:order-6">
          <SupportConsoleLink />
          <DeferredNotificationBell />
          <SignOutButton />
        </div>
      </div>
      {nav ? <div className="mx-auto max-w-6xl px-2 sm:px-4">{nav}</div> : null}
    </header>
  );
}
