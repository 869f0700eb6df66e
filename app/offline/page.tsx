import type { Metadata } from "next";
import { getMessages, getTranslations } from "next-intl/server";
import { type OfflineMessages, OfflineShell } from "@/components/device/offline-shell";
import { PageMain } from "@/components/ui/page-header";
import { locales } from "@/i18n/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("device.offline"))("metaTitle") };
}

/**
 * The page the service worker shows when a page cannot be fetched (lib/pwa/service-worker.ts).
 * It is fetched and kept without cookies, so it is the same for everybody and holds no one's
 * data; in the browser it shows what this device keeps for whoever is signed in here (from
 * IndexedDB), in that user's language: it carries the few messages it needs in each.
 */
export default async function OfflinePage() {
  const messages = Object.fromEntries(
    await Promise.all(
      locales.map(async (locale) => {
        const all = (await getMessages({ locale })) as unknown as OfflineMessages;
        return [locale, { device: all.device, callPage: { fields: all.callPage.fields } }] as const;
      }),
    ),
  );
  return (
    <PageMain>
      <OfflineShell messages={messages} />
    </PageMain>
  );
}
