import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, type Locale, localeSchema, namespaces } from "./config";
import { negotiateLocale } from "./negotiate";

/** The request's language: the user's choice (cookie), else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const chosen = localeSchema.safeParse((await cookies()).get(LOCALE_COOKIE)?.value);
  if (chosen.success) return chosen.data;
  return negotiateLocale((await headers()).get("accept-language"));
}

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const files = await Promise.all(
    namespaces.map(
      async (ns) =>
        [ns, ((await import(`../messages/${locale}/${ns}.json`)) as { default: unknown }).default] as const,
    ),
  );
  return Object.fromEntries(files);
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: await loadMessages(locale) };
});
