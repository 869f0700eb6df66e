"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddress, requestIsHttps, sessionConfig } from "@/lib/auth/guards";
import { safeNextPath } from "@/lib/auth/schemas";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";

export type SignInState = { ok: false; message: string; retryAfterS?: number };

/**
 * Sign in and go to `next` (a path on this site only). Answers with a message for a
 * failure; success redirects, so it never returns.
 */
const signInActionInput = z.object({ username: z.unknown(), password: z.unknown(), next: z.unknown() });

export async function signInAction(raw: unknown): Promise<SignInState> {
  // Anyone can call this over HTTP with any arguments: a wrong shape is a refusal, not a crash.
  const shape = signInActionInput.safeParse(raw);
  if (!shape.success)
    return { ok: false, message: "The sign-in form was incomplete. Reload the page and try again." };
  const input = shape.data;
  const [address, secure] = await Promise.all([clientAddress(), requestIsHttps()]);
  let result: Awaited<ReturnType<typeof signIn>>;
  try {
    const [db, config] = await Promise.all([getDb(), sessionConfig()]);
    result = await signIn(db, { username: input.username, password: input.password, address }, config);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log().error({ event: "database_unavailable", err: error }, "sign-in failed: database unavailable");
    return {
      ok: false,
      message: "Cannot reach the database just now, so nobody can sign in. Try again in a minute.",
    };
  }
  if (!result.ok) {
    // The username is logged for the audit trail, never the password.
    log().info(
      {
        event: "sign_in_failed",
        reason: result.reason,
        username: String(input.username).slice(0, 64),
        address,
      },
      "sign-in failed",
    );
    return result.reason === "rate_limited"
      ? { ok: false, message: result.message, retryAfterS: result.retryAfterS }
      : { ok: false, message: result.message };
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
  redirect(safeNextPath(input.next));
}
