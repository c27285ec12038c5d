import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type TLocale } from "./locales";

/** The app's texts: messages/<locale>.json plus one file per area (messages/<area>.<locale>.json). */
async function loadMessages(locale: TLocale) {
  const [base, support, payments] = await Promise.all([
    import(`../../messages/${locale}.json`),
    import(`../../messages/support.${locale}.json`),
    import(`../../messages/payments.${locale}.json`),
  ]);
  return { ...base.default, ...support.default, ...payments.default };
}

// The locale is the user's choice, kept in a cookie; English until they switch.
export default getRequestConfig(async () => {
  const store = await cookies();
  const value = store.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : DEFAULT_LOCALE;
  return { locale, timeZone: "UTC", messages: await loadMessages(locale) };
});
