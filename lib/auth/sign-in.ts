import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { signInSettings } from "@/lib/settings";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { clearRateLimit, hitRateLimit, undoRateLimitHit } from "./rate-limit";
import { signInSchema } from "./schemas";
import { type CreatedSession, createSession, type SessionConfig, type SessionUser } from "./session";

/** Failed sign-ins allowed per window: few per username (guessing one account), more per address (a shared office NAT). */
export const SIGN_IN_LIMITS = {
  perUsername: 5,
  perAddress: 20,
  windowMs: 15 * 60 * 1000,
} as const;

/**
 * The answer; `message` is the English for the logs and the tests, the sign-in page says
 * the `reason` in the user's language (signIn.actions).
 */
export type SignInResult =
  | { ok: true; user: SessionUser; session: CreatedSession }
  | { ok: false; reason: "invalid" | "switched_off"; message: string }
  | { ok: false; reason: "rate_limited"; retryAfterS: number; message: string };

/** One message for an unknown user, a wrong password and a disabled account: none is revealed. */
export const WRONG_CREDENTIALS = "Wrong username or password.";

export function tooManyAttemptsMessage(retryAfterS: number): string {
  return `Too many attempts: try again in ${retryAfterS} seconds.`;
}

/**
 * Check a username and password and open a session. Each attempt is counted before the
 * password is checked (so parallel guesses cannot slip past the limit); a success takes
 * its count back and clears the username's failures.
 */
export async function signIn(
  db: Db,
  input: { username: unknown; password: unknown; address: string },
  config: SessionConfig,
  now: Date = new Date(),
): Promise<SignInResult> {
  // Switched off (company sign-in only): refused here, whatever form or request reached it.
  if (!signInSettings().LOCAL_SIGN_IN)
    return {
      ok: false,
      reason: "switched_off",
      message: "Sign-in with a username and password is switched off.",
    };
  const parsed = signInSchema.safeParse({ username: input.username, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid", message: WRONG_CREDENTIALS };
  const username = parsed.data.username.toLowerCase();
  const userKey = `sign-in:user:${username}`;
  const addressKey = `sign-in:addr:${input.address}`;

  const { perUsername, perAddress, windowMs } = SIGN_IN_LIMITS;
  const byUser = await hitRateLimit(db, userKey, perUsername, windowMs, now);
  const byAddress = await hitRateLimit(db, addressKey, perAddress, windowMs, now);
  if (byUser.limited || byAddress.limited) {
    const retryAfterS = Math.max(
      byUser.limited ? byUser.retryAfterS : 0,
      byAddress.limited ? byAddress.retryAfterS : 0,
    );
    return { ok: false, reason: "rate_limited", retryAfterS, message: tooManyAttemptsMessage(retryAfterS) };
  }

  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      workNo: users.workNo,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
    })
    .from(users)
    .where(eq(users.username, username))
    .limit(1);
  const row = rows[0];
  if (!row || row.disabled) {
    await burnPasswordCheck(parsed.data.password);
    return { ok: false, reason: "invalid", message: WRONG_CREDENTIALS };
  }
  const check = await verifyPassword(parsed.data.password, row.passwordHash);
  if (!check.ok) return { ok: false, reason: "invalid", message: WRONG_CREDENTIALS };

  if (check.needsRehash) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(parsed.data.password) })
      .where(eq(users.id, row.id));
  }
  await clearRateLimit(db, userKey);
  await undoRateLimitHit(db, addressKey);
  const session = await createSession(db, row.id, config, now);
  return {
    ok: true,
    user: { id: row.id, username: row.username, role: row.role, workNo: row.workNo },
    session,
  };
}
