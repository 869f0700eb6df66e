/**
 * What every authenticated server action answers (lib/actions/safe-action.ts), browser-safe
 * so forms can read it. Success carries the action's own data beside an optional message;
 * a refusal says why in words a person can act on, names the fields that are wrong, and
 * has a code a form can branch on without reading the words. Expected failures are
 * answers; only bugs throw.
 */

/** Why an action refused. */
export type ActionErrorCode =
  /** Nobody is signed in (or the session ended). */
  | "unauthenticated"
  /** The role does not allow this action. */
  | "forbidden"
  /** The input did not parse: `fieldErrors` names the fields. */
  | "invalid"
  /** The record does not exist, or this user may not see it (the two answer alike). */
  | "not_found"
  /** The record changed meanwhile (e.g. someone else saved a newer outcome). */
  | "conflict"
  /** The database or another service cannot be reached just now: try again. */
  | "unavailable"
  /** Any other refusal the domain makes (a rule, a state that does not allow it). */
  | "refused";

/** Messages per field: the first path part of each problem names the field. */
export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionFailure<E extends object = Record<never, never>> = {
  ok: false;
  code: ActionErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
} & E;

export type ActionSuccess<T extends object = Record<never, never>> = { ok: true; message?: string } & T;

/**
 * The one answer type of every authenticated server action. `T` is what success carries
 * (e.g. `{ savedAt }`), `E` what a failure may add (e.g. a write-back's `conflict`).
 */
export type ActionResult<T extends object = Record<never, never>, E extends object = Record<never, never>> =
  | ActionSuccess<T>
  | ActionFailure<E>;

/** The first message for a field, for a form that shows one message per field. */
export function firstError(result: ActionResult<object, object> | null | undefined, field: string) {
  return result && !result.ok ? result.fieldErrors?.[field]?.[0] : undefined;
}

/**
 * The words to show for a result in one line (a notice after a redirect): the message, or
 * for a refused form its first field's own message, which says what to do.
 */
export function resultText(result: ActionResult<object, object>): string {
  if (result.ok) return result.message ?? "";
  if (result.code === "invalid") {
    const first = Object.values(result.fieldErrors ?? {})[0]?.[0];
    if (first) return first;
  }
  return result.message;
}
