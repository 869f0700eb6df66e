"use client";

import { createTranslator, useLocale } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Locale } from "@/i18n/config";
import { localeSchema } from "@/i18n/locale-schema";
import { type DeviceDraft, type OutboxItem, readDevice } from "@/lib/device/store";
import { outcomeFields } from "@/lib/write-back/outcome-fields";
import type en from "@/messages/en/callPage.json";
import type device from "@/messages/en/device.json";
import { deviceUserOnThisBrowser } from "./device-user-marker";

export type OfflineMessages = { device: typeof device; callPage: { fields: (typeof en)["fields"] } };

const fieldOrder = [...outcomeFields, "reason"] as const;

/**
 * What the offline page shows: that the server cannot be reached, and what this device
 * keeps for the user signed in on it (drafts and outcomes waiting to be sent), in their
 * language. Nothing here comes from a cache: it is read from this browser's IndexedDB.
 */
export function OfflineShell({ messages }: { messages: Record<string, OfflineMessages> }) {
  const pageLocale = useLocale();
  const hydrated = useHydrated();
  const marker = useMemo(() => (hydrated ? deviceUserOnThisBrowser() : null), [hydrated]);
  const wanted = localeSchema.safeParse(marker?.locale ?? pageLocale);
  const locale: Locale = wanted.success ? wanted.data : "en";
  const t = useMemo(
    () =>
      createTranslator({ locale, messages: messages[locale] ?? messages.en, namespace: "device.offline" }),
    [locale, messages],
  );
  const tf = useMemo(
    () =>
      createTranslator({ locale, messages: messages[locale] ?? messages.en, namespace: "callPage.fields" }),
    [locale, messages],
  );
  const [kept, setKept] = useState<{ drafts: DeviceDraft[]; outbox: OutboxItem[] } | null>(null);

  useEffect(() => {
    if (!marker) return;
    document.documentElement.lang = marker.locale;
    void readDevice(marker.userId)
      .then(setKept)
      .catch(() => setKept({ drafts: [], outbox: [] }));
  }, [marker]);

  const time = (ms: number) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(new Date(ms));
  const values = (v: Record<string, string>) => (
    <ul className="ml-4 list-disc text-sm">
      {fieldOrder
        .filter((k) => (v[k] ?? "") !== "")
        .map((k) => (
          <li key={k}>{t("field", { name: tf(k), value: v[k] ?? "" })}</li>
        ))}
    </ul>
  );
  const entries = [
    ...(kept?.outbox ?? []).map((i) => ({
      key: `o${i.seq}`,
      title: t("outcomeOf", { id: i.callId }),
      at: i.queuedAt,
      values: i.values,
    })),
    ...(kept?.drafts ?? []).map((d) => ({
      key: `d${d.callId}`,
      title: t("draftOf", { id: d.callId }),
      at: d.editedAt,
      values: d.values,
    })),
  ];

  return (
    <div className="space-y-6" data-testid="offline-shell">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <Notice tone="warning" live={false}>
        {t("body")}
      </Notice>
      <div className="flex flex-wrap gap-3">
        <Button variant="primary" onClick={() => window.location.reload()}>
          {t("retry")}
        </Button>
        <a href="/" className="button-secondary">
          {t("backToList")}
        </a>
      </div>
      <section aria-labelledby="offline-kept" className="space-y-3">
        <h2 id="offline-kept" className="text-xl font-semibold">
          {t("kept")}
        </h2>
        {entries.length === 0 ? (
          <p className="text-sm text-muted">{t("none")}</p>
        ) : (
          <ul className="space-y-3">
            {entries.map((e) => (
              <li key={e.key} className="rounded-card border border-border bg-surface p-3">
                <h3 className="font-semibold">{e.title}</h3>
                <p className="text-sm text-muted">{t("editedAt", { time: time(e.at) })}</p>
                {values(e.values)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
