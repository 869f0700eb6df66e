import "@/lib/zod-browser";
import { z } from "zod";
import { roles } from "@/lib/db/enums";
import { safeText } from "@/lib/validation/text";

/**
 * The account rules, shared by the browser forms (zodResolver), the server actions and the
 * users command. No server-only import here: the sign-in form needs it in the browser.
 */

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const PASSWORD_MAX_LENGTH = 256;

export const newPasswordSchema = safeText("The password")
  .min(PASSWORD_MIN_LENGTH, `The password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `The password must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** Usernames are kept lower-case, so `Agent1` and `agent1` are one account. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,63}$/,
    "A username is 2 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit",
  );

export const roleSchema = z.enum(roles, { error: "The role must be agent, supervisor or admin" });

/** The agent's AICC work number; blank means none. */
export const workNoSchema = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
  z
    .string()
    .regex(/^\d{1,10}$/, "The work number is 1 to 10 digits")
    .nullable(),
);

/** The sign-in form. Deliberately loose: a wrong shape is just a failed sign-in. */
export const signInSchema = z.object({
  username: safeText("Username").trim().min(1, "Enter your username").max(200, "That username is too long"),
  password: safeText("Password")
    .min(1, "Enter your password")
    .max(PASSWORD_MAX_LENGTH, "That password is too long"),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Where to go after sign-in: only a path on this site (see safe-next-path.ts). */
export { safeNextPath } from "./safe-next-path";
