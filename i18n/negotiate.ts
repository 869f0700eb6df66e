import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { defaultLocale, type Locale, locales } from "./config";

/**
 * The best of our languages for an `Accept-Language` header (RFC 4647 lookup through
 * @formatjs/intl-localematcher, the matcher next-intl's own middleware uses): `zh`,
 * `zh-Hans` and `zh-CN` read Chinese, anything we do not speak reads English.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const requested = new Negotiator({
    headers: { "accept-language": acceptLanguage ?? "" },
  }).languages();
  const wanted = requested.filter((tag) => tag !== "*");
  try {
    const found = match(wanted, [...locales], defaultLocale, { algorithm: "best fit" });
    return (locales as readonly string[]).includes(found) ? (found as Locale) : defaultLocale;
  } catch {
    // A malformed language tag in the header: the default, never an error page.
    return defaultLocale;
  }
}
