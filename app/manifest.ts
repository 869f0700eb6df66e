import type { MetadataRoute } from "next";
import { getTranslations } from "next-intl/server";
import { requestLocale } from "@/i18n/request";
import { webAppManifest } from "@/lib/pwa/manifest";

/**
 * /manifest.webmanifest, in the browser's language: browsers fetch a manifest without
 * cookies, so Accept-Language decides (the same negotiation as the pages). Reading the
 * request makes it dynamic, which is what a per-language manifest needs.
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const locale = await requestLocale();
  const t = await getTranslations({ locale, namespace: "common" });
  return webAppManifest(
    { name: t("productName"), shortName: t("shortName"), description: t("description") },
    locale,
  );
}
