import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The state of a call's latest write-back, kept on the call so the list can filter and
 * show it without a join. `none`: never written back; `pending`: recorded and being
 * sent; `accepted`: iSales answered result 0; `refused`: iSales answered another result;
 * `failed`: any other outcome (HTTP error, no answer, an answer we could not read).
 */
export const writeBackStates = ["none", "pending", "accepted", "refused", "failed"] as const;
export type WriteBackState = (typeof writeBackStates)[number];

/** A previewed call handed out by iSales (or imported). */
export const calls = pgTable(
  "calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    subCcNo: integer("sub_cc_no").notNull(),
    vdnId: integer("vdn_id").notNull(),
    serviceId: text("service_id").notNull(),
    uniqueId: text("unique_id").notNull(),
    /** The numbers the call may be dialled on, at least one. */
    phoneNumbers: text("phone_numbers").array().notNull(),
    /** What the agent is shown: iSales sends a string, often JSON or key=value pairs. */
    callData: text("call_data").notNull().default(""),
    callerNumber: text("caller_number").notNull().default(""),
    /** When the call data was obtained from iSales (or the import said so). */
    fetchTime: timestamp("fetch_time", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** The agent the call belongs to; null is the pool (sign-in comes in a later issue). */
    assignedTo: bigint("assigned_to", { mode: "number" }),
    /** Optimistic-concurrency version of the outcome below. */
    version: integer("version").notNull().default(0),
    /** The latest outcome the agent (or a supervisor) entered. */
    status: text("status"),
    failCode: text("fail_code"),
    asrResult: text("asr_result"),
    deviceType: integer("device_type"),
    phoneNumber: text("phone_number"),
    callId: text("call_id"),
    writeStartTime: timestamp("write_start_time", { withTimezone: true, mode: "date" }),
    endCallTime: timestamp("end_call_time", { withTimezone: true, mode: "date" }),
    /** State of the latest write-back (see writeBackStates). */
    writeBackState: text("write_back_state", { enum: writeBackStates }).notNull().default("none"),
    lastWriteBackAt: timestamp("last_write_back_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("calls_identity_uq").on(t.vdnId, t.serviceId, t.uniqueId),
    index("calls_created_idx").on(t.createdAt.desc(), t.id.desc()),
    index("calls_state_created_idx").on(t.writeBackState, t.createdAt.desc(), t.id.desc()),
    index("calls_service_created_idx").on(t.serviceId, t.createdAt.desc(), t.id.desc()),
    index("calls_unique_id_idx").on(t.uniqueId),
    index("calls_phone_numbers_gin").using("gin", t.phoneNumbers),
  ],
);

export type Call = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;

/**
 * The outcome classes of one write-back attempt (see lib/isales/types.ts):
 * accepted, refused (HTTP 200, result not 0), http_error (400/401/403/404/500/other),
 * no_answer (refused/reset/timeout: not a refusal), invalid_answer (not the documented
 * JSON), and pending while it is recorded but has no answer yet.
 */
export const attemptOutcomes = [
  "pending",
  "accepted",
  "refused",
  "http_error",
  "no_answer",
  "invalid_answer",
] as const;
export type AttemptOutcome = (typeof attemptOutcomes)[number];

/** Every write-back attempt, recorded before it goes on the network. */
export const writeBacks = pgTable(
  "write_backs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    callId: bigint("call_id", { mode: "number" })
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    /** Made in the browser: the same id twice is one write-back. */
    submissionId: uuid("submission_id").notNull(),
    /** Which interface: midresult (intermediate) or call/result (final). */
    interface: text("interface", { enum: ["midresult", "result"] }).notNull().default("midresult"),
    /** The exact JSON text sent to iSales. */
    requestBody: text("request_body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "date" }),
    /** The user who sent it (sign-in comes in a later issue). */
    userId: bigint("user_id", { mode: "number" }),
    outcome: text("outcome", { enum: attemptOutcomes }).notNull().default("pending"),
    httpStatus: integer("http_status"),
    /** iSales's `result` code, as text (it is typed String and sent as a number). */
    resultCode: text("result_code"),
    /** For no_answer: timeout, refused, reset, dns, other. */
    failureReason: text("failure_reason"),
    /** The answer's body as received (cut to 4 KiB), kept for inspection. */
    responseBody: text("response_body"),
    durationMs: integer("duration_ms"),
    details: jsonb("details").$type<Record<string, unknown>>().default(sql`'{}'::jsonb`),
  },
  (t) => [
    uniqueIndex("write_backs_submission_uq").on(t.submissionId),
    index("write_backs_call_idx").on(t.callId, t.createdAt.desc()),
    index("write_backs_outcome_idx").on(t.outcome, t.createdAt),
  ],
);

export type WriteBack = typeof writeBacks.$inferSelect;
export type NewWriteBack = typeof writeBacks.$inferInsert;
