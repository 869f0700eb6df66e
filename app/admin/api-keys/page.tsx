import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { LocalTimeOrNever } from "@/components/ui/local-time";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { TableSection } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/keys";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { CreateKeyForm, RevokeKeyForm } from "./key-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiKeys"))("title") };
}
export const dynamic = "force-dynamic";

/** Admins only: keys of other systems for /api/v1 (see /api/v1/openapi.json). */
export default async function ApiKeysPage() {
  await requireRole("admin");
  const [keys, t] = await Promise.all([listApiKeys(await getDb()), getTranslations("apiKeys")]);
  const never = t("never");
  return (
    <PageMain>
      <PageHeader
        title={t("heading")}
        description={t.rich("description", {
          code: (chunks) => <code>{chunks}</code>,
          spec: (chunks) => (
            <a href="/api/v1/openapi.json" className="text-link underline">
              {chunks}
            </a>
          ),
        })}
      />
      <Section id="make" title={t("make.heading")} card>
        <CreateKeyForm />
      </Section>
      <TableSection
        id="keys"
        title={t("keys.heading")}
        headings={(["name", "prefix", "tasks", "limit", "made", "lastUsed", "state"] as const).map((k) =>
          t(`keys.${k}`),
        )}
        empty={t("keys.none")}
        rows={keys.map((k) => ({
          key: k.id,
          cells: [
            k.name,
            <span key="p" className="font-mono">
              {k.prefix}…
            </span>,
            k.serviceIds.join(", "),
            k.rateLimitPerMin ?? t("keys.defaultLimit"),
            <LocalTimeOrNever key="m" date={k.createdAt} never={never} />,
            <LocalTimeOrNever key="u" date={k.lastUsedAt} never={never} />,
            k.revokedAt ? (
              <span key="r" className="flex flex-wrap items-center gap-2">
                <Badge tone="neutral">{t("keys.revoked")}</Badge>
                <LocalTimeOrNever date={k.revokedAt} never={never} />
              </span>
            ) : (
              <RevokeKeyForm key="f" id={k.id} name={k.name} />
            ),
          ],
        }))}
      />
    </PageMain>
  );
}
