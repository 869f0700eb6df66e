import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, type Locale } from "./config";
import { localeSchema } from "./locale-schema";
import { loadMessages } from "./messages";
import { negotiateLocale } from "./negotiate";

/** The request's language: the user's choice (cookie), else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const chosen = localeSchema.safeParse((await cookies()).get(LOCALE_COOKIE)?.value);
  if (chosen.success) return chosen.data;
  return negotiateLocale((await headers()).get("accept-language"));
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: await loadMessages(locale) };
});
