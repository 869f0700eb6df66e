"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkAuth, type SessionUser } from "@/lib/auth/guards";
import {
  createUser,
  setUserDisabled,
  setUserPassword,
  setUserRole,
  setUserWorkNo,
  type UserResult,
  type UserSummary,
} from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { log } from "@/lib/log";

/**
 * The admin page's actions. Each is a public endpoint: it loads the session and checks the
 * admin role itself, whatever the page showed, and validates the form again on the server
 * (lib/auth/users does).
 */

export type AdminActionState = { ok: boolean; message: string } | null;

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

async function asAdmin(): Promise<{ ok: true; user: SessionUser } | { ok: false; state: AdminActionState }> {
  const auth = await checkAuth("admin");
  if (!auth.ok) return { ok: false, state: { ok: false, message: auth.message } };
  return { ok: true, user: auth.user };
}

function finish(
  admin: SessionUser,
  action: string,
  result: UserResult<UserSummary>,
  done: (u: UserSummary) => string,
): AdminActionState {
  if (!result.ok) return { ok: false, message: result.message };
  log().info(
    { event: "user_admin", action, by: admin.username, username: result.value.username },
    "user changed",
  );
  revalidatePath("/admin/users");
  return { ok: true, message: done(result.value) };
}

export async function addUserAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await asAdmin();
  if (!admin.ok) return admin.state;
  const result = await createUser(await getDb(), {
    username: field(form, "username"),
    password: field(form, "password"),
    role: field(form, "role"),
    workNo: field(form, "workNo"),
  });
  return finish(admin.user, "add", result, (u) => `Added ${u.username} (${u.role}).`);
}

const disabledSchema = z.enum(["true", "false"]).transform((v) => v === "true");

export async function setDisabledAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await asAdmin();
  if (!admin.ok) return admin.state;
  const username = field(form, "username");
  const disabled = disabledSchema.safeParse(field(form, "disabled"));
  if (!disabled.success) return { ok: false, message: "Say whether to disable or enable the account." };
  if (disabled.data && username === admin.user.username)
    return { ok: false, message: "You cannot disable your own account: ask another admin." };
  const result = await setUserDisabled(await getDb(), username, disabled.data);
  return finish(admin.user, disabled.data ? "disable" : "enable", result, (u) =>
    u.disabled ? `Disabled ${u.username} and signed them out.` : `Enabled ${u.username}.`,
  );
}

export async function setPasswordAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await asAdmin();
  if (!admin.ok) return admin.state;
  const result = await setUserPassword(await getDb(), field(form, "username"), field(form, "password"));
  return finish(
    admin.user,
    "set-password",
    result,
    (u) => `New password set for ${u.username}; their sessions ended.`,
  );
}

export async function setRoleAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await asAdmin();
  if (!admin.ok) return admin.state;
  const username = field(form, "username");
  if (username === admin.user.username && field(form, "role") !== "admin")
    return { ok: false, message: "You cannot take away your own admin role: ask another admin." };
  const result = await setUserRole(await getDb(), username, field(form, "role"));
  return finish(admin.user, "set-role", result, (u) => `${u.username} is now ${u.role}.`);
}

export async function setWorkNoAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await asAdmin();
  if (!admin.ok) return admin.state;
  const result = await setUserWorkNo(await getDb(), field(form, "username"), field(form, "workNo"));
  return finish(admin.user, "set-work-no", result, (u) =>
    u.workNo ? `${u.username}'s work number is ${u.workNo}.` : `${u.username} has no work number now.`,
  );
}
