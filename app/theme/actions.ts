"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestIsHttps } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { THEME_COOKIE } from "@/lib/theme";
import { themeSchema } from "@/lib/theme-schema";

/**
 * The header's theme chooser. Open to everyone (the sign-in page has it too), like the
 * language switch: it only sets the browser's theme cookie, for a year, and goes back to
 * the page it came from (a path on this site), so it works without JavaScript.
 */
export async function setThemeAction(form: FormData): Promise<void> {
  const theme = themeSchema.safeParse(form.get("theme"));
  const back = safeNextPath(String(form.get("next") ?? "/"), { allowSignIn: true });
  if (theme.success) {
    const jar = await cookies();
    if (theme.data === "system") jar.delete(THEME_COOKIE);
    else
      jar.set(THEME_COOKIE, theme.data, {
        path: "/",
        maxAge: 365 * 24 * 60 * 60,
        sameSite: "lax",
        httpOnly: true,
        secure: await requestIsHttps(),
      });
  }
  redirect(back);
}
