"use client";

import { useQueryClient } from "@tanstack/react-query";
import { LogOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { authClient } from "@/lib/auth-client";
import { Button } from "./ui/button";

export function SignOutButton() {
  const t = useTranslations("header");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const [isPending, setIsPending] = useState(false);

  async function signOut() {
    setIsPending(true);
    const { error } = await authClient.signOut();
    if (error) {
      setIsPending(false);
      toast.error(error.message ?? tc("unknownError"));
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
