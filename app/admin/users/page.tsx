import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { roles } from "@/lib/db/enums";
import { ActionForm } from "./action-form";
import {
  addUserAction,
  setDisabledAction,
  setPasswordAction,
  setRoleAction,
  setWorkNoAction,
} from "./actions";

export const metadata: Metadata = { title: "Users" };

function RoleSelect({ id, value }: { id: string; value?: string }) {
  return (
    <select id={id} name="role" defaultValue={value ?? "agent"} className="field">
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

/** Admins only: everyone else is told the page does not exist. */
export default async function UsersPage() {
  const me = await requireRole("admin");
  const users = await listUsers(await getDb());

  return (
    <main id="main" className="mx-auto max-w-6xl space-y-8 p-6">
      <h1 className="text-2xl font-semibold">Users</h1>

      <section aria-labelledby="add-user" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="add-user" className="text-lg font-semibold">
          Add a user
        </h2>
        <ActionForm action={addUserAction} label="Add a user" submitLabel="Add user">
          <div className="flex flex-col gap-1">
            <label htmlFor="new-username">Username</label>
            <input id="new-username" name="username" required autoComplete="off" className="field" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="new-password">Password (at least {PASSWORD_MIN_LENGTH} characters)</label>
            <input
              id="new-password"
              name="password"
              type="password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              autoComplete="new-password"
              className="field"
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="new-role">Role</label>
            <RoleSelect id="new-role" />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="new-work-no">Work number (optional)</label>
            <input id="new-work-no" name="workNo" inputMode="numeric" className="field w-32" />
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="all-users" className="space-y-3">
        <h2 id="all-users" className="text-lg font-semibold">
          All users ({users.length})
        </h2>
        <ul className="space-y-3">
          {users.map((u) => (
            <li key={u.id} className="space-y-3 rounded border border-slate-300 bg-white p-4">
              <p>
                <span className="font-semibold">{u.username}</span> · {u.role}
                {u.workNo ? ` · work no. ${u.workNo}` : ""}
                {u.disabled && (
                  <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm">disabled</span>
                )}
                {u.id === me.id && <span className="ml-2 text-sm text-slate-600">(you)</span>}
              </p>
              <div className="grid gap-3 md:grid-cols-2">
                <ActionForm action={setRoleAction} label={`Role of ${u.username}`} submitLabel="Save role">
                  <input type="hidden" name="username" value={u.username} />
                  <div className="flex flex-col gap-1">
                    <label htmlFor={`role-${u.id}`}>Role</label>
                    <RoleSelect id={`role-${u.id}`} value={u.role} />
                  </div>
                </ActionForm>
                <ActionForm
                  action={setWorkNoAction}
                  label={`Work number of ${u.username}`}
                  submitLabel="Save work no."
                >
                  <input type="hidden" name="username" value={u.username} />
                  <div className="flex flex-col gap-1">
                    <label htmlFor={`work-no-${u.id}`}>Work number</label>
                    <input
                      id={`work-no-${u.id}`}
                      name="workNo"
                      defaultValue={u.workNo ?? ""}
                      inputMode="numeric"
                      className="field w-32"
                    />
                  </div>
                </ActionForm>
                <ActionForm
                  action={setPasswordAction}
                  label={`Password of ${u.username}`}
                  submitLabel="Set password"
                >
                  <input type="hidden" name="username" value={u.username} />
                  <div className="flex flex-col gap-1">
                    <label htmlFor={`password-${u.id}`}>New password</label>
                    <input
                      id={`password-${u.id}`}
                      name="password"
                      type="password"
                      required
                      minLength={PASSWORD_MIN_LENGTH}
                      autoComplete="new-password"
                      className="field"
                    />
                  </div>
                </ActionForm>
                <ActionForm
                  action={setDisabledAction}
                  label={`${u.disabled ? "Enable" : "Disable"} ${u.username}`}
                  submitLabel={u.disabled ? "Enable account" : "Disable account"}
                >
                  <input type="hidden" name="username" value={u.username} />
                  <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
