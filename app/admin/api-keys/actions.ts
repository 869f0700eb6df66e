"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, newApiKeySchema, revokeApiKey } from "@/lib/api-keys/keys";
import { checkAuth } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";
import { recordIdSchema } from "@/lib/validation/ids";

/** Admins only, checked here whatever the page showed. The new key is in the answer once. */
export type KeyActionState = {
  ok: boolean;
  message: string;
  key?: string;
  /** The first problem of each field that is wrong (its message names the field too). */
  fieldErrors?: Partial<Record<"name" | "serviceIds" | "rateLimitPerMin", string>>;
} | null;

export async function createKeyAction(_prev: KeyActionState, form: FormData): Promise<KeyActionState> {
  const auth = await checkAuth("admin");
  if (!auth.ok) return { ok: false, message: auth.message };
  if (!(form instanceof FormData)) return { ok: false, message: "Make a key with the form." };
  const parsed = newApiKeySchema.safeParse({
    name: form.get("name") ?? "",
    serviceIds: form.get("serviceIds") ?? "",
    rateLimitPerMin: form.get("rateLimitPerMin") ?? "",
  });
  if (!parsed.success) {
    const fieldErrors: NonNullable<NonNullable<KeyActionState>["fieldErrors"]> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "name" || field === "serviceIds" || field === "rateLimitPerMin") && !fieldErrors[field])
        fieldErrors[field] = issue.message;
    }
    return { ok: false, message: parsed.error.issues[0]?.message ?? "Check the form.", fieldErrors };
  }
  const { key, apiKey } = await createApiKey(await getDb(), parsed.data, auth.user.id);
  log().info(
    { event: "api_key_created", by: auth.user.username, keyId: apiKey.id, prefix: apiKey.prefix },
    "API key",
  );
  revalidatePath("/admin/api-keys");
  return { ok: true, message: `Key "${apiKey.name}" made. Copy it now: it is not shown again.`, key };
}

export async function revokeKeyAction(_prev: KeyActionState, form: FormData): Promise<KeyActionState> {
  const auth = await checkAuth("admin");
  if (!auth.ok) return { ok: false, message: auth.message };
  if (!(form instanceof FormData)) return { ok: false, message: "Which key?" };
  const id = recordIdSchema.safeParse(form.get("id"));
  if (!id.success) return { ok: false, message: "Which key?" };
  const done = await revokeApiKey(await getDb(), id.data);
  log().info({ event: "api_key_revoked", by: auth.user.username, keyId: id.data }, "API key");
  revalidatePath("/admin/api-keys");
  return done
    ? { ok: true, message: "Revoked: the key is refused from now on." }
    : { ok: false, message: "That key was already revoked." };
}
