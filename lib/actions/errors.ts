import type { ActionErrorCode, FieldErrors } from "./result";

/**
 * A refusal thrown from deep inside an action (a record not found, a rule broken): the
 * action wrapper turns it into the action's `ActionResult` failure, so no action spells out
 * the same early return twice. Anything else thrown is a bug, and is thrown on.
 */
export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "ActionError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** A refusal that names one field: its message is also the action's message. */
export function fieldError(field: string, message: string, code: ActionErrorCode = "invalid"): ActionError {
  return new ActionError(code, message, { [field]: [message] });
}
