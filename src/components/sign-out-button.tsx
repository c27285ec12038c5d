"use client";

import { useQueryClient } from "@tanstack/react-query";
import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "@/components/toast";
import { Button } from "./ui/button";

export function SignOutButton() {
  const t = useTranslations("header");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const [isPending, setIsPending] = useState(false);

  async function signOut() {
    setIsPending(true);
    // better-auth's own endpoint, without its browser client (which every page would then load).
    const error = await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then(
      async (res) => (res.ok ? null : (((await res.json().catch(() => null)) as { message?: string } | null)?.message ?? tc("unknownError"))),
      () => tc("networkError"),
    );
    if (error) {
      setIsPending(false);
      toast.error(error);
      return;
    }
    // Nothing of this user's data may stay in memory for the next one: drop the caches, then
    // load the sign-in page afresh.
    queryClient.clear();
    window.location.assign("/sign-in");
  }

  return (
    <Button variant="outline" size="sm" onClick={signOut} disabled={isPending}>
      <LogOut aria-hidden />
      {/* Icon-only on a phone; the words stay for screen readers. */}
      <span className="max-sm:sr-only">{isPending ? t("signingOut") : t("signOut")}</span>
    </Button>
  );
}
