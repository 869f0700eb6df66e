import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  type AttemptOutcome,
  attemptOutcomes,
  type BulkJobKind,
  type BulkJobState,
  bulkJobKinds,
  bulkJobStates,
  type DeliveryState,
  deliveryStates,
  type ImportJobState,
  importJobStates,
  type Role,
  roles,
  type WriteBackState,
  writeBackStates,
} from "./enums";

export {
  type AttemptOutcome,
  attemptOutcomes,
  type BulkJobKind,
  type BulkJobState,
  bulkJobKinds,
  bulkJobStates,
  type DeliveryState,
  deliveryStates,
  type ImportJobState,
  importJobStates,
  type Role,
  roles,
  type WriteBackState,
  writeBackStates,
};

// Column builders the tables share (same SQL as spelling them out; a function each, since a
// builder may be used by one column only).
const serialId = () => bigserial("id", { mode: "number" }).primaryKey();
/** The call a row belongs to; deleted with it. */
const callRef = () =>
  bigint("call_id", { mode: "number" })
    .notNull()
    .references(() => calls.id, { onDelete: "cascade" });
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/** A previewed call handed out by iSales (or imported). */
export const calls = pgTable(
  "calls",
  {
    id: serialId(),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
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
    /**
     * When its outcome was marked final (a call/result write-back recorded): after that an
     * agent's send is refused and a supervisor's correction goes through call/result too.
     */
    finalisedAt: timestamp("finalised_at", { withTimezone: true, mode: "date" }),
    /** When the retention purge erased its personal data (lib/retention/purge.ts); null: not erased. */
    personalDataErasedAt: timestamp("personal_data_erased_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("calls_identity_uq").on(t.vdnId, t.serviceId, t.uniqueId),
    // Plain ascending btrees: read backwards they serve `ORDER BY … DESC, id DESC` (the
    // default NULLS FIRST of DESC), which a `DESC NULLS LAST` index cannot (issue 12).
    // The call list (newest first, by created_at), alone and per state, task and agent.
    index("calls_created_idx").on(t.createdAt, t.id),
    index("calls_state_created_idx").on(t.writeBackState, t.createdAt, t.id),
    index("calls_service_created_idx").on(t.serviceId, t.createdAt, t.id),
    index("calls_assigned_created_idx").on(t.assignedTo, t.createdAt, t.id),
    // The review (lib/review/queries.ts): by fetch time, and by task, state or customer
    // then fetch time, either direction; by last write-back with nulls last either way.
    index("calls_fetch_idx").on(t.fetchTime, t.id),
    index("calls_state_fetch_idx").on(t.writeBackState, t.fetchTime, t.id),
    index("calls_service_fetch_idx").on(t.serviceId, t.fetchTime, t.id),
    // Per agent (or the pool): its calls by state, as the review's counts read them.
    index("calls_assigned_state_fetch_idx").on(t.assignedTo, t.writeBackState, t.fetchTime, t.id),
    // By outcome: status, or status and failure code.
    index("calls_status_fetch_idx").on(t.status, t.failCode, t.fetchTime, t.id),
    index("calls_customer_fetch_idx").on(t.uniqueId, t.fetchTime, t.id),
    index("calls_written_idx").on(t.lastWriteBackAt.asc().nullsLast(), t.id),
    index("calls_written_desc_idx").on(t.lastWriteBackAt.desc().nullsLast(), t.id.desc()),
    // text_pattern_ops: the list's search is `unique_id LIKE 'q%'`, which a plain btree only
    // serves under the C collation.
    index("calls_unique_id_idx").on(t.uniqueId.op("text_pattern_ops")),
  ],
);

export type Call = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;

/**
 * One row per phone number of a call, so that a prefix search on any of a call's numbers
 * can use an index (an array column cannot serve `LIKE 'q%'` on its elements). Kept in
 * step with calls.phone_numbers by a trigger (see the custom migration), so every writer
 * of calls is covered; nothing writes this table directly.
 */
export const callPhoneNumbers = pgTable(
  "call_phone_numbers",
  {
    callId: callRef(),
    phone: text("phone").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.phone] }),
    index("call_phone_numbers_phone_idx").on(t.phone.op("text_pattern_ops"), t.callId),
  ],
);

/** One write-back: what was submitted for a call, recorded before it goes on the network. */
export const writeBacks = pgTable(
  "write_backs",
  {
    id: serialId(),
    callId: callRef(),
    /** Made in the browser: the same id twice is one write-back. */
    submissionId: uuid("submission_id").notNull(),
    /** Which interface: midresult (intermediate) or call/result (final). */
    interface: text("interface", { enum: ["midresult", "result"] })
      .notNull()
      .default("midresult"),
    /** The exact JSON text sent to iSales (every attempt sends these same bytes). */
    requestBody: text("request_body").notNull(),
    /** The call's outcome version this write-back carries. */
    callVersion: integer("call_version").notNull().default(0),
    createdAt: createdAt(),
    /** The user who submitted it (null before sign-in existed, or for imports). */
    userId: bigint("user_id", { mode: "number" }),
    state: text("state", { enum: deliveryStates }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Which sender holds it, and until when (a crashed sender's lease runs out). */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    /** The latest attempt's answer, copied here for lists. */
    lastOutcome: text("last_outcome", { enum: attemptOutcomes }),
    lastHttpStatus: integer("last_http_status"),
    lastResultCode: text("last_result_code"),
    lastError: text("last_error"),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    supersededBy: bigint("superseded_by", { mode: "number" }),
    cancelledBy: bigint("cancelled_by", { mode: "number" }),
    cancelReason: text("cancel_reason"),
    /** The supervisor's bulk re-send that made it (bulk_jobs.id), null otherwise. */
    bulkId: bigint("bulk_id", { mode: "number" }),
    /**
     * A confirmation: the same body as this accepted write-back, sent again after a quiet
     * period because an older send of the call got no answer and iSales may apply it late
     * (lib/delivery/deliver.ts). Null for everything an agent or supervisor sent.
     */
    confirms: bigint("confirms", { mode: "number" }),
    /**
     * The call's task and the outcome this write-back carries, copied from the call as it
     * is recorded (the trigger write_backs_outcome_copy, migration 0013, in the same
     * transaction), so the overview's figures are read from the write-backs of a range
     * alone, without a lookup per call (lib/overview/queries.ts). Never sent anywhere.
     */
    serviceId: text("service_id"),
    status: text("status"),
    failCode: text("fail_code"),
    writeStartTime: timestamp("write_start_time", { withTimezone: true, mode: "date" }),
    endCallTime: timestamp("end_call_time", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("write_backs_submission_uq").on(t.submissionId),
    index("write_backs_bulk_idx").on(t.bulkId),
    index("write_backs_call_idx").on(t.callId, t.id.desc()),
    index("write_backs_due_idx").on(t.state, t.nextAttemptAt),
    // The delivery queue (/queue): write-backs not yet accepted, oldest first.
    index("write_backs_queue_idx")
      .on(t.createdAt, t.id)
      .where(sql`${t.state} in ('queued', 'sending', 'retrying', 'attention')`),
    // The overview's figures by submission time, overall and per agent (lib/overview).
    index("write_backs_created_idx").on(t.createdAt),
    index("write_backs_user_created_idx").on(t.userId, t.createdAt),
  ],
);

export type WriteBack = typeof writeBacks.$inferSelect;
export type NewWriteBack = typeof writeBacks.$inferInsert;

/**
 * A supervisor's bulk re-send. draft: the dry run (which calls, a summary and sample
 * bodies), waiting for Send; sent: one queued write-back per call, tagged with this id
 * (write_backs.bulk_id), so progress is read from the database and the page can be left.
 */
export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: serialId(),
    createdBy: bigint("created_by", { mode: "number" }).notNull(),
    state: text("state", { enum: bulkJobStates }).notNull().default("draft"),
    /** resend: each call's outcome again through midresult; finalise: through call/result. */
    kind: text("kind", { enum: bulkJobKinds }).notNull().default("resend"),
    /** The calls the dry run found eligible, in order. */
    callIds: bigint("call_ids", { mode: "number" }).array().notNull(),
    /** How the calls were chosen: selected rows, or the review filter as a query string. */
    selection: text("selection").notNull(),
    /** Counts by call write-back state and by task, and calls left out with why. */
    summary: jsonb("summary")
      .$type<{
        byState: Record<string, number>;
        byTask: Record<string, number>;
        skipped: Record<string, number>;
      }>()
      .notNull(),
    /** A few of the exact bodies that will be sent. */
    sample: jsonb("sample").$type<{ callId: number; body: string }[]>().notNull(),
    reason: text("reason"),
    /** How many write-backs Send queued (calls changed since the dry run are left out). */
    queued: integer("queued").notNull().default(0),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("bulk_jobs_created_idx").on(t.createdAt.desc())],
);
export type BulkJob = typeof bulkJobs.$inferSelect;

/** Every HTTP attempt of a write-back, with what came back. */
export const writeBackAttempts = pgTable(
  "write_back_attempts",
  {
    id: serialId(),
    writeBackId: bigint("write_back_id", { mode: "number" })
      .notNull()
      .references(() => writeBacks.id, { onDelete: "cascade" }),
    callId: callRef(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    outcome: text("outcome", { enum: attemptOutcomes }).notNull(),
    httpStatus: integer("http_status"),
    /** iSales's `result` code, as text (it is typed String and sent as a number). */
    resultCode: text("result_code"),
    /** For no_answer: timeout, refused, reset, dns, other. */
    failureReason: text("failure_reason"),
    /** The answer's body as received (cut to 4 KiB), kept for inspection. */
    responseBody: text("response_body"),
    /** Which process sent it. */
    sender: text("sender"),
  },
  (t) => [
    index("write_back_attempts_wb_idx").on(t.writeBackId, t.id),
    index("write_back_attempts_call_idx").on(t.callId, t.id),
  ],
);

export type WriteBackAttempt = typeof writeBackAttempts.$inferSelect;
export type NewWriteBackAttempt = typeof writeBackAttempts.$inferInsert;

/** Every version of a call's outcome: who changed what, when and why. */
export const callVersions = pgTable(
  "call_versions",
  {
    id: serialId(),
    callId: callRef(),
    version: integer("version").notNull(),
    /** The outcome fields of this version. */
    values: jsonb("values").$type<Record<string, string | number | null>>().notNull(),
    /** Field-by-field change from the version before: { field: [before, after] }. */
    diff: jsonb("diff").$type<Record<string, [unknown, unknown]>>().notNull().default(sql`'{}'::jsonb`),
    changedBy: bigint("changed_by", { mode: "number" }),
    reason: text("reason"),
    writeBackId: bigint("write_back_id", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("call_versions_call_version_uq").on(t.callId, t.version)],
);

export type CallVersion = typeof callVersions.$inferSelect;

/** What an agent has typed into a call's form but not yet sent: kept per call and user. */
export const drafts = pgTable(
  "drafts",
  {
    callId: callRef(),
    /** 0 before sign-in exists. */
    userId: bigint("user_id", { mode: "number" }).notNull().default(0),
    values: jsonb("values").$type<Record<string, string>>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.userId] })],
);

export const users = pgTable(
  "users",
  {
    id: serialId(),
    username: text("username").notNull(),
    /** scrypt, with its parameters and salt (see lib/auth/password.ts). */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: roles }).notNull(),
    /** The agent's AICC work number. */
    workNo: text("work_no"),
    disabled: boolean("disabled").notNull().default(false),
    /**
     * For a user who signs in through the company's identity provider: `<issuer> <sub>`,
     * the provider's stable id (a username can be renamed or reused; this cannot). Such a
     * user has no usable password (password_hash is "!oidc").
     */
    oidcSubject: text("oidc_subject"),
    /** The agent's choice: open the next call by itself once a write-back is accepted or queued. */
    autoAdvance: boolean("auto_advance").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_username_uq").on(t.username),
    uniqueIndex("users_oidc_subject_uq").on(t.oidcSubject),
  ],
);

export type User = typeof users.$inferSelect;

/** Server-side sessions: the cookie carries a random id, the table its hash. */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Fixed-window counters for rate limits (sign-in per user and per address, API keys). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull().default(0),
  resetAt: timestamp("reset_at", { withTimezone: true, mode: "date" }).notNull(),
});

/**
 * Secrets the application makes for itself and every instance must share, such as the
 * session-signing key when SESSION_SECRET is not set (see lib/auth/session.ts).
 */
export const appSecrets = pgTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});

/**
 * An iSales task a supervisor chose to work in Preview Desk (lib/pull). The puller keeps
 * its stock of ready calls at or above lowWater, fetching batchCount at a time. The lease
 * makes one fetch at a time per task across instances; nextFetchAt carries the rate limit
 * and the backoff after failures.
 */
export const pullTasks = pgTable(
  "pull_tasks",
  {
    id: serialId(),
    subCcNo: integer("sub_cc_no").notNull(),
    vdnId: integer("vdn_id").notNull(),
    serviceId: text("service_id").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    lowWater: integer("low_water").notNull(),
    batchCount: integer("batch_count").notNull(),
    nextFetchAt: timestamp("next_fetch_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true, mode: "date" }),
    lastFetched: integer("last_fetched"),
    /** Consecutive failures; 0 after a success. */
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true, mode: "date" }),
    /** The task handed out nothing on the last fetch. */
    workedOut: boolean("worked_out").notNull().default(false),
    createdBy: bigint("created_by", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pull_tasks_task_uq").on(t.vdnId, t.serviceId),
    index("pull_tasks_due_idx").on(t.enabled, t.nextFetchAt),
  ],
);
export type PullTask = typeof pullTasks.$inferSelect;

/** callnos records that could not be read: kept with the reason for supervisors, never dropped. */
export const pullRejects = pgTable(
  "pull_rejects",
  {
    id: serialId(),
    vdnId: integer("vdn_id").notNull(),
    serviceId: text("service_id").notNull(),
    /** The record as received, as JSON text (cut to 4 KiB). */
    raw: text("raw").notNull(),
    reason: text("reason").notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("pull_rejects_fetched_idx").on(t.fetchedAt.desc())],
);
export type PullReject = typeof pullRejects.$inferSelect;

/**
 * A file uploaded on the import page. preview: parsed, waiting for the supervisor's choice;
 * queued/running: imported in the background (progress in processed/total); the file's
 * text is kept only until the job ends.
 */
export const importJobs = pgTable(
  "import_jobs",
  {
    id: serialId(),
    createdBy: bigint("created_by", { mode: "number" }).notNull(),
    fileName: text("file_name").notNull(),
    format: text("format", { enum: ["csv", "json"] }).notNull(),
    timeZone: text("time_zone").notNull(),
    /** How the file's bytes were read, as the preview says it (e.g. "GB18030 (GBK), detected"). */
    encoding: text("encoding"),
    state: text("state", { enum: importJobStates }).notNull().default("preview"),
    skipBad: boolean("skip_bad").notNull().default(false),
    content: text("content"),
    totalRows: integer("total_rows").notNull().default(0),
    goodRows: integer("good_rows").notNull().default(0),
    badRows: integer("bad_rows").notNull().default(0),
    /** The first rows as read, for the preview. */
    preview: jsonb("preview").$type<Record<string, string>[]>().notNull().default(sql`'[]'::jsonb`),
    /** Every problem found (line, field, message), capped for very bad files (see errorCount). */
    errors: jsonb("errors")
      .$type<{ line: number; record?: number; field: string; message: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    errorCount: integer("error_count").notNull().default(0),
    warnings: jsonb("warnings").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    processed: integer("processed").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    message: text("message"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("import_jobs_state_idx").on(t.state, t.createdAt)],
);
export type ImportJob = typeof importJobs.$inferSelect;

/**
 * Keys of other systems for /api/v1. Only a SHA-256 of the key is kept (a key is 32 random
 * bytes, so a slow hash adds nothing); the prefix lets people tell keys apart.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: serialId(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    /** The tasks (serviceIds) the key may read and write; "*" is every task. */
    serviceIds: text("service_ids").array().notNull(),
    /** Requests a minute; null: API_RATE_LIMIT_PER_MIN. */
    rateLimitPerMin: integer("rate_limit_per_min"),
    createdBy: bigint("created_by", { mode: "number" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("api_keys_hash_uq").on(t.keyHash)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/**
 * What the retention purge erased, and when (lib/retention/purge.ts): one row per call, bulk
 * re-send, import or rejected record whose personal data it erased. `erased` names the data
 * (never its values); `counts` how much of each there was.
 */
export const erasures = pgTable(
  "erasures",
  {
    id: serialId(),
    erasedAt: timestamp("erased_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    kind: text("kind", { enum: ["call", "bulk_job", "import_job", "pull_reject"] }).notNull(),
    /** calls.id, bulk_jobs.id, import_jobs.id or pull_rejects.id. */
    subjectId: bigint("subject_id", { mode: "number" }).notNull(),
    /** The retention setting it applied, in days. */
    retentionDays: integer("retention_days").notNull(),
    /** The time the retention ran from (a call's final write-back accepted, an import finished). */
    since: timestamp("since", { withTimezone: true, mode: "date" }).notNull(),
    erased: text("erased").array().notNull(),
    counts: jsonb("counts").$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index("erasures_subject_idx").on(t.kind, t.subjectId),
    index("erasures_erased_idx").on(t.erasedAt.desc()),
  ],
);
export type Erasure = typeof erasures.$inferSelect;
