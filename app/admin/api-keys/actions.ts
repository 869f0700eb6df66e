"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import { createApiKey, makeNewApiKeySchema, revokeApiKey } from "@/lib/api-keys/keys";
import { requestTextMessages, requestTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { recordIdSchema } from "@/lib/validation/ids";

/** Admins only, checked by authAction whatever the page showed. The new key is in the answer once. */

export const createKeyAction = authAction(
  {
    name: "apiKeys.create",
    role: "admin",
    call: "state",
    // An absent field is checked as empty, so its refusal names it.
    schema: async () =>
      z.preprocess(
        (v) => ({ name: "", serviceIds: "", rateLimitPerMin: "", ...(v as object) }),
        makeNewApiKeySchema(await requestTranslator("apiKeys.schema"), await requestTextMessages()),
      ),
  },
  async ({ user, db, input }) => {
    const { key, apiKey } = await createApiKey(db, input, user.id);
    log().info(
      { event: "api_key_created", by: user.username, keyId: apiKey.id, prefix: apiKey.prefix },
      "API key",
    );
    revalidatePath("/admin/api-keys");
    const t = await getTranslations("apiKeys.actions");
    return { ok: true, message: t("made", { name: apiKey.name }), key };
  },
);

export const revokeKeyAction = authAction(
  {
    name: "apiKeys.revoke",
    role: "admin",
    call: "state",
    schema: async () =>
      z.object({ id: withMessage(recordIdSchema, (await getTranslations("apiKeys.actions"))("whichKey")) }),
  },
  async ({ user, db, input }) => {
    const done = await revokeApiKey(db, input.id);
    log().info({ event: "api_key_revoked", by: user.username, keyId: input.id }, "API key");
    revalidatePath("/admin/api-keys");
    const t = await getTranslations("apiKeys.actions");
    return done
      ? { ok: true, message: t("revoked") }
      : { ok: false, code: "refused", message: t("alreadyRevoked") };
  },
);
