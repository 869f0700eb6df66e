"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { postedText, withMessage } from "@/lib/actions/form-fields";
import { authAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/auth/guards";
import {
  createUser,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  setUserWorkNo,
  type UserResult,
  type UserSummary,
} from "@/lib/auth/users";
import { log } from "@/lib/log";

/**
 * The admin page's actions, for admins only (authAction checks the role, whatever the page
 * showed). The fields are taken as text here and validated by lib/auth/users, whose
 * messages name the field.
 */

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
  async ({ user, db, input }) =>
    finish(user, "add", await createUser(db, input), (u) => `Added ${u.username} (${u.role}).`),
);

export const setDisabledAction = authAction(
  {
    name: "users.setDisabled",
    role: "admin",
    call: "state",
    schema: z.object({
      username: postedText,
      disabled: withMessage(
        z.enum(["true", "false"]).transform((v) => v === "true"),
        "Say whether to disable or enable the account.",
      ),
    }),
  },
  async ({ user, db, input }) => {
    if (input.disabled && input.username === user.username)
      return {
        ok: false,
        code: "refused",
        message: "You cannot disable your own account: ask another admin.",
      };
    const result = await setUserDisabled(db, input.username, input.disabled);
    return finish(user, input.disabled ? "disable" : "enable", result, (u) =>
      u.disabled ? `Disabled ${u.username} and signed them out.` : `Enabled ${u.username}.`,
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
  async ({ user, db, input }) =>
    finish(
      user,
      "set-password",
      await setUserPassword(db, input.username, input.password),
      (u) => `New password set for ${u.username}; their sessions ended.`,
    ),
);

export const setRoleAction = authAction(
  {
    name: "users.setRole",
    role: "admin",
    call: "state",
    schema: z.object({ username: postedText, role: postedText }),
  },
  async ({ user, db, input }) => {
    if (input.username === user.username && input.role !== "admin")
      return {
        ok: false,
        code: "refused",
        message: "You cannot take away your own admin role: ask another admin.",
      };
    return finish(
      user,
      "set-role",
      await setUserRole(db, input.username, input.role),
      (u) => `${u.username} is now ${u.role}.`,
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
  async ({ user, db, input }) =>
    finish(user, "set-work-no", await setUserWorkNo(db, input.username, input.workNo), (u) =>
      u.workNo ? `${u.username}'s work number is ${u.workNo}.` : `${u.username} has no work number now.`,
    ),
);
