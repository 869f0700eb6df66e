/**
 * The fixed value lists of the database (roles, states), as plain constants with no
 * Drizzle import, so browser code may use them. lib/db/schema.ts builds its tables on
 * these; anything that runs in the browser imports from here, never from the schema
 * (scripts/check-client-chunks.ts fails the build check if the schema reaches a chunk).
 */

/**
 * The state of a call's latest write-back, kept on the call so the list can filter and
 * show it without a join. `none`: never written back; `pending`: recorded and being
 * sent; `accepted`: iSales answered result 0; `refused`: iSales answered another result;
 * `failed`: any other outcome (HTTP error, no answer, an answer we could not read).
 */
export const writeBackStates = ["none", "pending", "accepted", "refused", "failed"] as const;
export type WriteBackState = (typeof writeBackStates)[number];

/**
 * The outcome classes of one HTTP attempt (see lib/isales/types.ts): accepted, refused
 * (HTTP 200, result not 0), http_error (400/401/403/404/500/other), no_answer
 * (refused/reset/timeout: not a refusal), invalid_answer (not the documented JSON).
 */
export const attemptOutcomes = ["accepted", "refused", "http_error", "no_answer", "invalid_answer"] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

/**
 * Where a write-back (one submission) stands. queued: recorded, waiting to be sent;
 * sending: claimed by a sender (lease); retrying: a transient failure, next try at
 * nextAttemptAt; accepted: iSales answered result 0; attention: refused or failed in a way
 * a person must look at; superseded: a newer outcome for the same call replaced it before
 * it went; cancelled: a supervisor cancelled it.
 */
export const deliveryStates = [
  "queued",
  "sending",
  "retrying",
  "accepted",
  "attention",
  "superseded",
  "cancelled",
] as const;
export type DeliveryState = (typeof deliveryStates)[number];

export const bulkJobStates = ["draft", "sent", "discarded"] as const;
/** What a supervisor's bulk job does to each call (lib/review/bulk.ts). */
export const bulkJobKinds = ["resend", "finalise"] as const;
export type BulkJobKind = (typeof bulkJobKinds)[number];
export type BulkJobState = (typeof bulkJobStates)[number];

export const roles = ["agent", "supervisor", "admin"] as const;
export type Role = (typeof roles)[number];

export const importJobStates = ["preview", "queued", "running", "done", "failed", "discarded"] as const;
export type ImportJobState = (typeof importJobStates)[number];
