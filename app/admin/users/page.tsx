import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Field, type FieldControlProps } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { PageHeader, PageMain, Section } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/guards";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { type Role, roles } from "@/lib/db/enums";
import {
  addUserAction,
  setDisabledAction,
  setPasswordAction,
  setRoleAction,
  setWorkNoAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

function RoleSelect({
  value,
  names,
  ...p
}: FieldControlProps & { value?: Role; names: Record<Role, string> }) {
  return (
    <Select {...p} name="role" defaultValue={value ?? "agent"}>
      {roles.map((r) => (
        <option key={r} value={r}>
          {names[r]}
        </option>
      ))}
    </Select>
  );
}

/** A new password: the rules the server checks again, and no saved password offered. */
function NewPassword(p: FieldControlProps) {
  return (
    <Input
      {...p}
      name="password"
      type="password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      autoComplete="new-password"
    />
  );
}

/** Admins only: everyone else is told the page does not exist. */
export default async function UsersPage() {
  const me = await requireRole("admin");
  const [users, t, tCommon, tUi] = await Promise.all([
    listUsers(await getDb()),
    getTranslations("users"),
    getTranslations("common"),
    getTranslations("ui"),
  ]);
  const roleNames = Object.fromEntries(roles.map((r) => [r, tCommon(`roles.${r}`)])) as Record<Role, string>;

  return (
    <PageMain>
      <PageHeader title={t("heading")} />

      <Section id="add-user" title={t("add.heading")} card>
        <ActionForm action={addUserAction} label={t("add.heading")} submitLabel={t("add.submit")}>
          <Field id="new-username" label={t("username")}>
            {(p) => <Input {...p} name="username" required autoComplete="off" />}
          </Field>
          <Field id="new-password" label={t("add.password", { min: PASSWORD_MIN_LENGTH })}>
            {(p) => <NewPassword {...p} />}
          </Field>
          <Field id="new-role" label={t("role")}>
            {(p) => <RoleSelect {...p} names={roleNames} />}
          </Field>
          <Field id="new-work-no" label={t("add.workNo")}>
            {(p) => <Input {...p} name="workNo" inputMode="numeric" className="w-32" />}
          </Field>
        </ActionForm>
      </Section>

      <Section id="all-users" title={t("all", { count: users.length })}>
        <ul className="space-y-3">
          {users.map((u) => (
            <li key={u.id} className="space-y-3 rounded-card border border-border bg-surface p-4">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{u.username}</span>
                <span>· {roleNames[u.role]}</span>
                {u.workNo ? <span>· {tCommon("workNo", { workNo: u.workNo })}</span> : null}
                {u.disabled && <Badge tone="warning">{t("disabled")}</Badge>}
                {u.id === me.id && <span className="text-sm text-muted">{t("you")}</span>}
              </p>
              <div className="grid gap-3 md:grid-cols-2">
                {(
                  [
                    {
                      action: setRoleAction,
                      label: "roleOf",
                      submit: "saveRole",
                      id: `role-${u.id}`,
                      field: "role",
                      control: (p: FieldControlProps) => (
                        <RoleSelect {...p} value={u.role} names={roleNames} />
                      ),
                    },
                    {
                      action: setWorkNoAction,
                      label: "workNoOf",
                      submit: "saveWorkNo",
                      id: `work-no-${u.id}`,
                      field: "workNo",
                      control: (p: FieldControlProps) => (
                        <Input
                          {...p}
                          name="workNo"
                          defaultValue={u.workNo ?? ""}
                          inputMode="numeric"
                          className="w-32"
                        />
                      ),
                    },
                    {
                      action: setPasswordAction,
                      label: "passwordOf",
                      submit: "setPassword",
                      id: `password-${u.id}`,
                      field: "newPassword",
                      control: (p: FieldControlProps) => <NewPassword {...p} />,
                    },
                  ] as const
                ).map((f) => (
                  <ActionForm
                    key={f.id}
                    action={f.action}
                    label={t(f.label, { username: u.username })}
                    submitLabel={t(f.submit)}
                  >
                    <input type="hidden" name="username" value={u.username} />
                    <Field id={f.id} label={t(f.field)}>
                      {f.control}
                    </Field>
                  </ActionForm>
                ))}
                <ActionForm
                  action={setDisabledAction}
                  label={t(u.disabled ? "enableOf" : "disableOf", { username: u.username })}
                  submitLabel={u.disabled ? t("enable") : t("disable")}
                  confirm={
                    u.disabled
                      ? undefined
                      : {
                          title: t("disableTitle", { username: u.username }),
                          description: t("disableText", { username: u.username }),
                          confirm: t("disableConfirm", { username: u.username }),
                          cancel: tUi("cancel"),
                        }
                  }
                >
                  <input type="hidden" name="username" value={u.username} />
                  <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      </Section>
    </PageMain>
  );
}
