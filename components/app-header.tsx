import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";

const roleLabels = { agent: "Agent", supervisor: "Supervisor", admin: "Admin" } as const;

/**
 * The bar at the top of every signed-in page: where to go, who is signed in (name, role,
 * work number) and a sign-out button. Sign-out is a plain form POST, so it needs no
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
            <Link href="/" className="text-blue-800 underline underline-offset-2">
              Calls
            </Link>
            {(user.role === "supervisor" || user.role === "admin") && (
              <>
                <Link href="/review" className="text-blue-800 underline underline-offset-2">
                  Review
                </Link>
                <Link href="/queue" className="text-blue-800 underline underline-offset-2">
                  Queue
                </Link>
              </>
            )}
            {user.role === "admin" && (
              <Link href="/admin/users" className="text-blue-800 underline underline-offset-2">
                Users
              </Link>
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
