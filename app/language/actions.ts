"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LOCALE_COOKIE } from "@/i18n/config";
import { localeSchema } from "@/i18n/locale-schema";
import { requestIsHttps } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/safe-next-path";

/**
 * The header's language switch. Open to everyone (the sign-in page has it too): it only
 * sets the browser's language cookie, for a year, and goes back to the page it came from
 * (a path on this site, checked like sign-in's `next`), so it works without JavaScript.
 */
export async function setLocaleAction(form: FormData): Promise<void> {
  const locale = localeSchema.safeParse(form.get("locale"));
  const back = safeNextPath(String(form.get("next") ?? "/"), { allowSignIn: true });
  if (locale.success) {
    (await cookies()).set(LOCALE_COOKIE, locale.data, {
      path: "/",
      maxAge: 365 * 24 * 60 * 60,
      sameSite: "lax",
      httpOnly: true,
      secure: await requestIsHttps(),
    });
  }
  redirect(back);
}
