"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import { createApiKey, newApiKeySchema, revokeApiKey } from "@/lib/api-keys/keys";
import { log } from "@/lib/log";
import { recordIdSchema } from "@/lib/validation/ids";

/** Admins only, checked by authAction whatever the page showed. The new key is in the answer once. */

export const createKeyAction = authAction(
  {
    name: "apiKeys.create",
    role: "admin",
    call: "state",
    // An absent field is checked as empty, so its refusal names it.
    schema: z.preprocess(
      (v) => ({ name: "", serviceIds: "", rateLimitPerMin: "", ...(v as object) }),
      newApiKeySchema,
    ),
  },
  async ({ user, db, input }) => {
    const { key, apiKey } = await createApiKey(db, input, user.id);
    log().info(
      { event: "api_key_created", by: user.username, keyId: apiKey.id, prefix: apiKey.prefix },
      "API key",
    );
    revalidatePath("/admin/api-keys");
    return { ok: true, message: `Key "${apiKey.name}" made. Copy it now: it is not shown again.`, key };
  },
);

export const revokeKeyAction = authAction(
  {
    name: "apiKeys.revoke",
    role: "admin",
    call: "state",
    schema: z.object({ id: withMessage(recordIdSchema, "Which key?") }),
  },
  async ({ user, db, input }) => {
    const done = await revokeApiKey(db, input.id);
    log().info({ event: "api_key_revoked", by: user.username, keyId: input.id }, "API key");
    revalidatePath("/admin/api-keys");
    return done
      ? { ok: true, message: "Revoked: the key is refused from now on." }
      : { ok: false, code: "refused", message: "That key was already revoked." };
  },
);
