import { getTranslations } from "next-intl/server";
import { oidcEnabled } from "@/lib/auth/oidc";
import { signInSettings } from "@/lib/settings";

const refusals = [
  "oidc_flow",
  "oidc_denied",
  "oidc_failed",
  "oidc_no_role",
  "oidc_bad_claims",
  "oidc_disabled",
  "oidc_name_taken",
  "oidc_unreachable",
] as const;
type Refusal = (typeof refusals)[number];
const isRefusal = (v: unknown): v is Refusal => refusals.includes(v as Refusal);

/**
 * The sign-in page's company sign-in (OpenID Connect): a plain link, so it works without
 * JavaScript, and the reason a company sign-in just failed, in the user's language.
 * Nothing when company sign-in is not set up.
 */
export async function CompanySignIn({ next, error }: { next: string; error: unknown }) {
  const s = signInSettings();
  if (!oidcEnabled(s)) return null;
  const t = await getTranslations("signIn.company");
  const href = `/auth/oidc/start?next=${encodeURIComponent(next)}`;
  return (
    <div className="space-y-3">
      {isRefusal(error) && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t(`refusal.${error}`)}
        </p>
      )}
      <a href={href} className="button-primary block w-full text-center">
        {s.OIDC_LABEL ?? t("button")}
      </a>
      {s.LOCAL_SIGN_IN && <p className="text-center text-sm text-slate-600">{t("or")}</p>}
    </div>
  );
}

/** Whether the username-and-password form is offered at all. */
export function localSignInEnabled(): boolean {
  return signInSettings().LOCAL_SIGN_IN;
}
