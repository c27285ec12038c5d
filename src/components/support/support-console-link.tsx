import { Headset } from "lucide-react";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { getCurrentUser } from "@/trpc/server";
import { buttonVariants } from "@/components/ui/button";

/** "Support console" in the header's user area, for support staff and admins only. */
export async function SupportConsoleLink() {
  const user = await getCurrentUser();
  if (!user || (user.role !== "support" && user.role !== "admin")) return null;
  const t = await getTranslations("console");
  return (
    <Link href="/support" className={buttonVariants({ variant: "ghost", size: "sm" })} data-testid="support-console-link">
      <Headset aria-hidden />
      {/* Icon-only on a phone; the words stay for screen readers. */}
      <span className="max-sm:sr-only">{t("headerLink")}</span>
    </Link>
  );
}
