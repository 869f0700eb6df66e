"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { clientAddress, requestIsHttps, sessionConfig } from "@/lib/auth/guards";
import { makeSignInSchema, safeNextPath } from "@/lib/auth/schemas";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { requestTextMessages, requestTranslator } from "@/lib/i18n/server";
import { log } from "@/lib/log";

export type SignInFieldErrors = Partial<Record<"username" | "password", string>>;

/**
 * The answer to a failed sign-in. `username` is given back so that the form keeps it when
 * the page is rendered again without JavaScript; the password never is.
 */
export type SignInState = {
  ok: false;
  message: string;
  retryAfterS?: number;
  fieldErrors?: SignInFieldErrors;
  username: string;
} | null;

const text = (v: FormDataEntryValue | null): string => (typeof v === "string" ? v : "");

/**
 * Sign in and go to `next` (a path on this site only). The form's action (useActionState),
 * so it works the same before the page's JavaScript has loaded or with none: the browser
 * POSTs the form, never a GET with the password in the address. A failure answers with a
 * message in the user's language (signIn.actions, signIn.schema); success redirects, so it
 * never returns.
 */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getTranslations("signIn.actions");
  // Anyone can call this over HTTP with any arguments: a wrong shape is a refusal, not a crash.
  if (!(formData instanceof FormData)) return { ok: false, message: t("incomplete"), username: "" };
  const username = text(formData.get("username"));
  const password = text(formData.get("password"));
  const shownUsername = username.slice(0, 200);
  const signInSchema = makeSignInSchema(
    await requestTranslator("signIn.schema"),
    await requestTextMessages(),
  );
  const checked = signInSchema.safeParse({ username, password });
  if (!checked.success) {
    const fieldErrors: SignInFieldErrors = {};
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      if ((field === "username" || field === "password") && !fieldErrors[field])
        fieldErrors[field] = issue.message;
    }
    return { ok: false, message: t("checkFields"), fieldErrors, username: shownUsername };
  }
  const [address, secure] = await Promise.all([clientAddress(), requestIsHttps()]);
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    const [db, config] = await Promise.all([getDb(), sessionConfig()]);
    result = await signIn(db, { username, password, address }, config);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log().error({ event: "database_unavailable", err: error }, "sign-in failed: database unavailable");
    return { ok: false, message: t("databaseDown"), username: shownUsername };
  }
  if (!result.ok) {
    // The username is logged for the audit trail, never the password.
    log().info(
      { event: "sign_in_failed", reason: result.reason, username: username.slice(0, 64), address },
      "sign-in failed",
    );
    return result.reason === "rate_limited"
      ? {
          ok: false,
          message: t("tooMany", { seconds: result.retryAfterS }),
          retryAfterS: result.retryAfterS,
          username: shownUsername,
        }
      : {
          ok: false,
          message: result.reason === "switched_off" ? t("switchedOff") : t("wrongCredentials"),
          username: shownUsername,
        };
  }
  log().info(
    { event: "sign_in", userId: result.user.id, username: result.user.username, address },
    "signed in",
  );
  (await cookies()).set(
    SESSION_COOKIE,
    result.session.token,
    sessionCookieOptions(secure, result.session.maxAgeS),
  );
  redirect(safeNextPath(formData.get("next")));
}
