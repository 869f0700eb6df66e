import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { desc, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { type ApiKey, apiKeys } from "@/lib/db/schema";
import { type Translate, translatorFrom } from "@/lib/i18n/translate";
import { englishMessages, type ValidationMessages } from "@/lib/validation/messages";
import { safeText } from "@/lib/validation/text";
import enApiKeys from "@/messages/en/apiKeys.json";

/**
 * API keys of other systems. A key is `pdk_` and 32 random bytes (base64url); only its
 * SHA-256 is stored, so it is shown once, when made. A random key of that size needs no
 * slow hash: nobody can guess one from its hash.
 */

export const ALL_TASKS = "*";

/**
 * A new key's fields, its messages from a translator of "apiKeys.schema" and the text
 * checks' messages: the admin page's action passes the user's language, the rest English.
 */
export function makeNewApiKeySchema(t: Translate, text: ValidationMessages = englishMessages) {
  const rate = t("rateWhole");
  return z.object({
    name: safeText(t("nameLabel"), { messages: text })
      .trim()
      .min(1, t("nameRequired"))
      .max(100, t("nameTooLong", { max: 100 })),
    /** Task ids separated by commas, spaces or new lines; `*` is every task. */
    serviceIds: safeText(t("tasksLabel"), { multiline: true, messages: text })
      .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
      .pipe(z.array(z.string().max(128, t("taskTooLong", { max: 128 }))).min(1, t("tasksRequired"))),
    rateLimitPerMin: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce
        .number({ error: rate })
        .int(rate)
        .min(1, t("rateMin", { min: 1 }))
        .max(1_000_000, t("rateMax", { max: 1_000_000 }))
        .optional(),
    ),
  });
}

/** The schema in English (the command line, the benches, the tests). */
export const newApiKeySchema = makeNewApiKeySchema(translatorFrom("en", enApiKeys, "apiKeys.schema"));
export type NewApiKeyInput = z.input<typeof newApiKeySchema>;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

export type ApiKeySummary = Omit<ApiKey, "keyHash">;

const summary = ({ keyHash: _hidden, ...rest }: ApiKey): ApiKeySummary => rest;

/** Make a key; the plain key is in the answer and nowhere else. */
export async function createApiKey(
  db: Db,
  input: z.output<typeof newApiKeySchema>,
  createdBy: number | null,
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const key = `pdk_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      name: input.name,
      prefix: key.slice(0, 12),
      keyHash: hashApiKey(key),
      serviceIds: input.serviceIds,
      rateLimitPerMin: input.rateLimitPerMin ?? null,
      createdBy,
    })
    .returning();
  if (!row) throw new Error("creating an API key returned no row");
  return { key, apiKey: summary(row) };
}

export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(sql`${apiKeys.id} = ${id} AND ${apiKeys.revokedAt} IS NULL`)
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(summary);
}

export function keyMayTouch(apiKey: Pick<ApiKey, "serviceIds">, serviceId: string): boolean {
  return apiKey.serviceIds.includes(ALL_TASKS) || apiKey.serviceIds.includes(serviceId);
}
