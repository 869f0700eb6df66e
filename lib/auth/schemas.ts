import "@/lib/zod-browser";
import { z } from "zod";
import { roles } from "@/lib/db/enums";
import { type Translate, translatorFrom } from "@/lib/i18n/translate";
import { englishMessages, type ValidationMessages } from "@/lib/validation/messages";
import { safeText } from "@/lib/validation/text";
import enSignIn from "@/messages/en/signIn.json";
import enUsers from "@/messages/en/users.json";

/**
 * The account rules, shared by the browser forms (zodResolver), the server actions and the
 * users command. No server-only import here: the sign-in form needs it in the browser.
 */

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The account rules with their messages from a translator of "users.rules" and the text
 * checks' messages: the admin page's actions pass the user's language; the users command,
 * company sign-in and the tests use the English ones below.
 */
export function makeAccountSchemas(t: Translate, text: ValidationMessages = englishMessages) {
  const newPasswordSchema = safeText(t("passwordLabel"), { messages: text })
    .min(PASSWORD_MIN_LENGTH, t("passwordTooShort", { min: PASSWORD_MIN_LENGTH }))
    .max(PASSWORD_MAX_LENGTH, t("passwordTooLong", { max: PASSWORD_MAX_LENGTH }));

  /** Usernames are kept lower-case, so `Agent1` and `agent1` are one account. */
  const usernameSchema = z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, t("username"));

  const roleSchema = z.enum(roles, { error: t("role") });

  /** The agent's AICC work number; blank means none. */
  const workNoSchema = z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z
      .string()
      .regex(/^\d{1,10}$/, t("workNo"))
      .nullable(),
  );
  return { newPasswordSchema, usernameSchema, roleSchema, workNoSchema };
}

export type AccountSchemas = ReturnType<typeof makeAccountSchemas>;

export const englishAccountSchemas = makeAccountSchemas(translatorFrom("en", enUsers, "users.rules"));
export const { newPasswordSchema, usernameSchema, roleSchema, workNoSchema } = englishAccountSchemas;

/**
 * The sign-in form. Deliberately loose: a wrong shape is just a failed sign-in. Its
 * messages from a translator of "signIn.schema": the form passes the page's language, the
 * action the user's.
 */
export function makeSignInSchema(t: Translate, text: ValidationMessages = englishMessages) {
  return z.object({
    username: safeText(t("usernameLabel"), { messages: text })
      .trim()
      .min(1, t("usernameRequired"))
      .max(200, t("usernameTooLong")),
    password: safeText(t("passwordLabel"), { messages: text })
      .min(1, t("passwordRequired"))
      .max(PASSWORD_MAX_LENGTH, t("passwordTooLong")),
  });
}

export const signInSchema = makeSignInSchema(translatorFrom("en", enSignIn, "signIn.schema"));
export type SignInInput = z.infer<typeof signInSchema>;

/** Where to go after sign-in: only a path on this site (see safe-next-path.ts). */
export { safeNextPath } from "./safe-next-path";
