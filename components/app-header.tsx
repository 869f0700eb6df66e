import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import type { SessionUser } from "@/lib/auth/session";
import type { Theme } from "@/lib/theme";
import { AgentTally } from "./agent-tally";
import { SignOutButton } from "./device/sign-out-button";
import { WaitingOnDevice } from "./device/waiting-on-device";
import { LanguageSwitch } from "./language-switch";
import { NavLink } from "./nav-link";
import { ThemeChooser } from "./theme-chooser";
import { TimeZoneCookie } from "./time-zone-cookie";

/**
 * The bar at the top of every signed-in page: every page the user's role may open (the
 * current one marked), an agent's tally for today, who is signed in (name, role, work
 * number), how many outcomes wait on this device, the language and theme choosers and a
 * sign-out button. Sign-out is a plain form POST, so it needs no JavaScript (with it, it
 * first clears what the device keeps for the user). Pass `currentUser()`; with null it shows only the
 * product name and the choosers. It wraps at any width: nothing scrolls sideways at 360 px.
 */
export async function AppHeader({ user, theme }: { user: SessionUser | null; theme: Theme }) {
  const t = await getTranslations("common");
  return (
    <header className="border-b border-border bg-surface print:hidden">
      <nav
        aria-label={t("nav.label")}
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6"
      >
        <Link href="/" className="text-lg font-semibold text-foreground">
          {t("productName")}
        </Link>
        {user && (
          <>
            <NavLink href="/">{t("nav.calls")}</NavLink>
            {(user.role === "supervisor" || user.role === "admin") && (
              <>
                <NavLink href="/overview">{t("nav.overview")}</NavLink>
                <NavLink href="/review">{t("nav.review")}</NavLink>
                <NavLink href="/queue">{t("nav.queue")}</NavLink>
                <NavLink href="/supervisor/tasks">{t("nav.tasks")}</NavLink>
                <NavLink href="/supervisor/import">{t("nav.import")}</NavLink>
                <NavLink href="/supervisor/erasures">{t("nav.erasures")}</NavLink>
              </>
            )}
            {user.role === "admin" && (
              <>
                <NavLink href="/admin/users">{t("nav.users")}</NavLink>
                <NavLink href="/admin/api-keys">{t("nav.apiKeys")}</NavLink>
              </>
            )}
            {user.role === "agent" && (
              <Suspense>
                <AgentTally agentId={user.id} />
                <TimeZoneCookie />
              </Suspense>
            )}
            <WaitingOnDevice />
            <div className="ml-auto flex flex-wrap items-center gap-3">
              <p className="text-sm text-muted" data-testid="signed-in-user">
                <span className="font-semibold text-foreground">{user.username}</span>
                <span> · {t(`roles.${user.role}`)}</span>
                {user.workNo && <span> · {t("workNo", { workNo: user.workNo })}</span>}
              </p>
              <Suspense>
                <LanguageSwitch />
                <ThemeChooser current={theme} />
              </Suspense>
              <SignOutButton userId={user.id} label={t("signOut")} />
            </div>
          </>
        )}
        {!user && (
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <Suspense>
              <LanguageSwitch />
              <ThemeChooser current={theme} />
            </Suspense>
          </div>
        )}
      </nav>
    </header>
  );
}
