import { formatDateTime, formatRelative } from "@/lib/format";

/** "3 hours ago", with the absolute UTC time on hover and in the markup. */
export function RelativeTime({ date, locale, now }: { date: Date | string; locale: string; now?: number }) {
  const value = date instanceof Date ? date : new Date(date);
  return (
    <time dateTime={value.toISOString()} title={formatDateTime(value, locale)} suppressHydrationWarning>
      {formatRelative(value, locale, now)}
    </time>
  );
}
