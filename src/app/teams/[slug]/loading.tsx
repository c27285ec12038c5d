import { useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";

export default function TeamLoading() {
  const t = useTranslations("common");
  return (
    <div className="space-y-6" aria-busy="true">
      <p className="sr-only" role="status">
        {t("loading")}
      </p>
      <Skeleton className="h-8 w-40" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-56 lg:col-span-1" />
        <Skeleton className="h-56 lg:col-span-2" />
      </div>
    </div>
  );
}
