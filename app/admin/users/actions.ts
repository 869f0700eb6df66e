"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { postedText, withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/auth/guards";
import {
  createUser,
  makeUserMessages,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  setUserWorkNo,
  type UserResult,
  type UserSummary,
} from "@/lib/auth/users";
import { requestTextMessages, requestTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";

/**
 * The admin page's actions, for admins only (authAction checks the role, whatever the page
 * showed). The fields are taken as text here and validated by lib/auth/users, whose
 * messages name the field; every answer is in the user's language (users.rules, users.actions).
 */

/** lib/auth/users' rules and refusals in the user's language. */
const userMessages = async () =>
  makeUserMessages(await requestTranslator("users.rules"), await requestTextMessages());
const actionText = () => getTranslations("users.actions");

/** A user change's answer: the refusal as it is, or the words for what was done (and a log line). */
function finish(
  admin: SessionUser,
  action: string,
  result: UserResult<UserSummary>,
  done: (u: UserSummary) => string,
) {
  if (!result.ok) {
    // No such user is the username field's problem: the admin typed or picked a name.
    if (result.code === "not_found") {
      const fieldErrors = { username: [result.message] };
      return { ok: false, code: "invalid", message: result.message, fieldErrors } as const;
    }
    return {
      ok: false,
      code: result.code === "invalid" ? "invalid" : "refused",
      message: result.message,
    } as const;
  }
  log().info(
    { event: "user_admin", action, by: admin.username, username: result.value.username },
    "user changed",
  );
  revalidatePath("/admin/users");
  return { ok: true, message: done(result.value) } as const;
}

export const addUserAction = authAction(
  {
    name: "users.add",
    role: "admin",
    call: "state",
    schema: z.object({ username: postedText, password: postedText, role: postedText, workNo: postedText }),
  },
  async ({ user, db, input }) => {
    const t = await actionText();
    return finish(user, "add", await createUser(db, input, await userMessages()), (u) =>
      t("added", { username: u.username, role: u.role }),
    );
  },
);

export const setDisabledAction = authAction(
  {
    name: "users.setDisabled",
    role: "admin",
    call: "state",
    schema: async () =>
      z.object({
        username: postedText,
        disabled: withMessage(
          z.enum(["true", "false"]).transform((v) => v === "true"),
          (await actionText())("sayDisable"),
        ),
      }),
  },
  async ({ user, db, input }) => {
    const t = await actionText();
    if (input.disabled && input.username === user.username)
      return { ok: false, code: "refused", message: t("notSelfDisable") };
    const result = await setUserDisabled(db, input.username, input.disabled, await userMessages());
    return finish(user, input.disabled ? "disable" : "enable", result, (u) =>
      u.disabled ? t("disabled", { username: u.username }) : t("enabled", { username: u.username }),
    );
  },
);

export const setPasswordAction = authAction(
  {
    name: "users.setPassword",
    role: "admin",
    call: "state",
    schema: z.object({ username: postedText, password: postedText }),
  },
  async ({ user, db, input }) => {
    const t = await actionText();
    return finish(
      user,
      "set-password",
      await setUserPassword(db, input.username, input.password, await userMessages()),
      (u) => t("passwordSet", { username: u.username }),
    );
  },
);

export const setRoleAction = authAction(
  {
    name: "users.setRole",
    role: "admin",
    call: "state",
    schema: z.object({ username: postedText, role: postedText }),
  },
  async ({ user, db, input }) => {
    const t = await actionText();
    if (input.username === user.username && input.role !== "admin")
      return { ok: false, code: "refused", message: t("notSelfDemote") };
    return finish(
      user,
      "set-role",
      await setUserRole(db, input.username, input.role, await userMessages()),
      (u) => t("roleSet", { username: u.username, role: u.role }),
    );
  },
);

export const setWorkNoAction = authAction(
  {
    name: "users.setWorkNo",
    role: "admin",
    call: "state",
    schema: z.object({ username: postedText, workNo: postedText }),
  },
  async ({ user, db, input }) => {
    const t = await actionText();
    return finish(
      user,
      "set-work-no",
      await setUserWorkNo(db, input.username, input.workNo, await userMessages()),
      (u) =>
        u.workNo
          ? t("workNoSet", { username: u.username, workNo: u.workNo })
          : t("workNoCleared", { username: u.username }),
    );
  },
);
