import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { NavLink } from "./nav-link";

const roleLabels = { agent: "Agent", supervisor: "Supervisor", admin: "Admin" } as const;

/**
 * The bar at the top of every signed-in page: every page the user's role may open (the
 * current one marked), who is signed in (name, role, work number) and a sign-out button. Sign-out is a plain form POST, so it needs no
 * JavaScript. Pass `currentUser()`; with null it shows only the product name.
 */
export function AppHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b border-slate-300 bg-white">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3"
      >
        <Link href="/" className="text-lg font-semibold text-slate-900">
          Preview Desk
        </Link>
        {user && (
          <>
            <NavLink href="/">Calls</NavLink>
            {(user.role === "supervisor" || user.role === "admin") && (
              <>
                <NavLink href="/review">Review</NavLink>
                <NavLink href="/queue">Queue</NavLink>
                <NavLink href="/supervisor/tasks">Tasks</NavLink>
                <NavLink href="/supervisor/import">Import</NavLink>
              </>
            )}
            {user.role === "admin" && (
              <>
                <NavLink href="/admin/users">Users</NavLink>
                <NavLink href="/admin/api-keys">API keys</NavLink>
              </>
            )}
            <div className="ml-auto flex items-center gap-3">
              <p className="text-sm text-slate-700" data-testid="signed-in-user">
                <span className="font-semibold text-slate-900">{user.username}</span>
                <span> · {roleLabels[user.role]}</span>
                {user.workNo && <span> · work no. {user.workNo}</span>}
              </p>
              <form method="post" action="/sign-out">
                <button type="submit" className="button-secondary">
                  Sign out
                </button>
              </form>
            </div>
          </>
        )}
      </nav>
    </header>
  );
}
