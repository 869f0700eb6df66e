import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { formReply, jsonReply, multipartReply } from "@/e2e/server-actions";
import {
  DRAFT_CALL,
  FETCHED_BEFORE_SEED_MS,
  TARGET_USER,
  TASK,
  TIME_ZONE,
  WRITE_BACK_CALLS,
  wbUniqueId,
} from "./context";
import { type Answer, actionAnswer, apiAnswer, type Harness } from "./harness";
import { type Bad, badCharacters, badLocalTimes, nested, overlong, overlongText, wrongTypes } from "./values";

/**
 * The bad-input corpus, generated: for each boundary (the API, the server actions over
 * HTTP, import files through the upload route and the import command, sign-in), each field
 * and each family of bad values that applies to it, one case. A case sends one bad request
 * and says which fields its refusal may name; corpus.test.ts runs it between two snapshots
 * of the database and two counts of what the iSales simulator received.
 *
 * To add a case: add a value to a field's list below (or a family in values.ts).
 */

export type Case = {
  name: string;
  boundary: string;
  field: string;
  family: string;
  run: (h: Harness) => Promise<Answer>;
};

const cases: Case[] = [];
const add = (boundary: string, field: string, family: string, run: Case["run"]) =>
  cases.push({ name: `${boundary} › ${field} › ${family}`, boundary, field, family, run });

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${++counter}`;

/** Local wall-clock text `yyyy-MM-ddTHH:mm:ss` of an instant in a zone. */
function localText(instant: Date, timeZone: string, sep: "T" | " " = "T"): string {
  const text = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(instant);
  return text.replace(" ", sep);
}

/* ───────────────────────── API: POST /api/v1/calls ───────────────────────── */

const goodRecord = (uniqueId: string): Record<string, unknown> => ({
  subCCNo: 1,
  vdnId: 1,
  serviceId: TASK,
  uniqueId,
  phoneNumber: "13812345678",
  callData: '{"name":"API"}',
  callerNumber: "95500",
  fetchTime: "2026-05-01T10:00:00+08:00",
});

/** The missing family for a required field (the key left out). */
const MISSING = Symbol("missing");

const apiFields: Record<string, (Bad | readonly [string, typeof MISSING])[]> = {
  subCCNo: [
    ["negative", -1],
    ["fraction", 1.5],
    ["letters", "abc"],
    ["empty", ""],
    ["above int4", 2_147_483_648],
    ["NUL", "1\u0000"],
    ...wrongTypes("wrong type number"),
    ["missing", MISSING],
  ],
  vdnId: [
    ["zero", 0],
    ["above 9999", 10_000],
    ["letters", "x"],
    ["fraction", 1.5],
    ["NUL", "1\u0000"],
    ...wrongTypes("wrong type number"),
    ["missing", MISSING],
  ],
  serviceId: [
    ...badCharacters("task"),
    overlongText(100_000),
    ["empty", ""],
    ...wrongTypes(),
    ["missing", MISSING],
  ],
  uniqueId: [
    ...badCharacters("U"),
    overlongText(100_000),
    ["empty", ""],
    ...wrongTypes(),
    ["missing", MISSING],
  ],
  phoneNumber: [
    ["letters", "1380000abcd"],
    ["plus and spaces", "+86 138 1234 5678"],
    ...badCharacters("13812345678"),
    overlong(30),
    ["separators only", ";;"],
    ["list with empty", [""]],
    ["list with null", [null]],
    ...wrongTypes(),
    ["missing", MISSING],
  ],
  callData: [
    ["NUL", "name\u0000"],
    ["control BEL", "name\u0007"],
    ["control ESC", "\u001b[2Jname"],
    ["lone high surrogate", "name\ud800"],
    ["lone low surrogate", "\udc00name"],
    overlongText(70_000),
    ["nested depth 33", nested(33)],
    ["nested depth 40 (array)", nested(40, "array")],
    ["NUL inside an object", { name: "a\u0000b" }],
    ["NUL in an object's key", { "a\u0000": "b" }],
    ["JSON text with an escaped NUL", '{"name":"a\\u0000b"}'],
    ["control BEL deep in a list", { list: ["ok", ["a\u0007"]] }],
    ["wrong type null", null],
    ["missing", MISSING],
  ],
  callerNumber: [
    ["letters", "abc"],
    ["plus and spaces", "+86 10 9550"],
    ...badCharacters("95500"),
    overlong(100),
    ...wrongTypes("wrong type null"),
  ],
  fetchTime: [
    ...badLocalTimes(" "),
    ["NUL", "2026-05-01 10:00:00\u0000"],
    ["offset +25:00", "2026-05-01T10:00:00+25:00"],
    ["offset +15:00 (no place has it)", "2026-05-01T10:00:00+15:00"],
    ["far future with an offset", "2099-01-01T00:00:00Z"],
    ["year 1999 with an offset", "1999-12-31T23:00:00+08:00"],
    ...wrongTypes("wrong type null"),
  ],
  agent: [
    ["a supervisor", "super1"],
    ["an admin", "admin1"],
    ["nobody", "nobody-such"],
    ...badCharacters("agent1"),
    overlongText(1000),
    ...wrongTypes("wrong type null"),
  ],
};

async function apiPost(
  h: Harness,
  body: string | Uint8Array<ArrayBuffer>,
  fields: readonly string[],
): Promise<Answer> {
  const r = await h.http("/api/v1/calls", {
    method: "POST",
    headers: { Authorization: `Bearer ${h.ctx.apiKey}`, "Content-Type": "application/json" },
    body,
  });
  return apiAnswer(r.status, r.json, r.text, fields);
}

for (const [field, values] of Object.entries(apiFields)) {
  for (const [family, value] of values) {
    add("API POST /api/v1/calls", field, family, (h) => {
      const record = goodRecord(fresh("CORPUS-API"));
      if (value === MISSING) delete record[field];
      else record[field] = value;
      return apiPost(h, JSON.stringify([record]), [field]);
    });
  }
}

const apiBodies: [string, () => string][] = [
  ["not JSON", () => "{"],
  ["JSON null", () => "null"],
  ["JSON number", () => "42"],
  ["JSON string", () => '"calls"'],
  ["list of null", () => "[null]"],
  ["list of lists", () => "[[]]"],
  ["nested depth 40", () => JSON.stringify(nested(40, "array"))],
  ["1001 records", () => JSON.stringify(Array.from({ length: 1001 }, () => goodRecord(fresh("CORPUS-API"))))],
  [
    "2 MB body",
    () => JSON.stringify([{ ...goodRecord(fresh("CORPUS-API")), callData: "x".repeat(2 * 1024 * 1024) }]),
  ],
];
for (const [family, body] of apiBodies) {
  add("API POST /api/v1/calls", "body", family, (h) => apiPost(h, body(), []));
}
add("API POST /api/v1/calls", "uniqueId", "invalid UTF-8 bytes", (h) => {
  const record = JSON.stringify([{ ...goodRecord(""), uniqueId: "@@" }]).split("@@");
  const body = Buffer.concat([
    Buffer.from(record[0] ?? ""),
    Buffer.from([0xff, 0xfe]),
    Buffer.from(record[1] ?? ""),
  ]);
  return apiPost(h, new Uint8Array(body), ["uniqueId"]);
});

/* ───────────────────────── API: GET /api/v1/calls ───────────────────────── */

const apiQueries: [string, string, string][] = [
  ["serviceId", "NUL", "serviceId=%00"],
  ["serviceId", "control BEL", "serviceId=task%07"],
  ["serviceId", "overlong", `serviceId=${"x".repeat(300)}`],
  ["serviceId", "invalid UTF-8", "serviceId=%FF%FE"],
  ["serviceId", "overlong UTF-8 NUL (%C0%80)", "serviceId=%C0%80"],
  ["serviceId", "replacement character (%EF%BF%BD)", "serviceId=task%EF%BF%BD"],
  ["uniqueId", "control ESC", "uniqueId=%1B%5B31m"],
  ["uniqueId", "NUL", "uniqueId=U%00"],
  ["uniqueId", "lone surrogate (CESU)", "uniqueId=%ED%A0%80"],
  ["uniqueId", "overlong", `uniqueId=${"x".repeat(300)}`],
  ["state", "unknown", "state=bogus"],
  ["state", "NUL", "state=accepted%00"],
  ["after", "negative", "after=-1"],
  ["after", "letters", "after=abc"],
  ["after", "fraction", "after=1.5"],
  ["after", "above bigint", "after=99999999999999999999"],
  ["after", "above int8", "after=9223372036854775808"],
  ["limit", "zero", "limit=0"],
  ["limit", "above max", "limit=501"],
  ["limit", "letters", "limit=abc"],
  ["limit", "exponent", "limit=1e3"],
];
for (const [field, family, query] of apiQueries) {
  add("API GET /api/v1/calls", field, family, async (h) => {
    const r = await h.http(`/api/v1/calls?${query}`, {
      headers: { Authorization: `Bearer ${h.ctx.apiKey}` },
    });
    return apiAnswer(r.status, r.json, r.text, [field]);
  });
}

/* ───────────── Server action: sendWriteBack (the write-back form) ───────────── */

let wbNext = 0;
function takeWriteBackCall(): string {
  wbNext += 1;
  if (wbNext > WRITE_BACK_CALLS) throw new Error("corpus: raise WRITE_BACK_CALLS in corpus/context.ts");
  return wbUniqueId(wbNext);
}

/** A form that the server accepts (the control test proves it), for a call fetched at `seedAt` - 30 min. */
function goodWriteBack(h: Harness, phone: string, version: number): Record<string, unknown> {
  const fetched = new Date(h.ctx.seedAt).getTime() - FETCHED_BEFORE_SEED_MS;
  return {
    submissionId: randomUUID(),
    baseVersion: String(version),
    timeZone: TIME_ZONE,
    status: "5",
    failCode: "00146",
    asrResult: "",
    deviceType: "5",
    phoneNumber: phone,
    callId: "",
    writeStartTime: localText(new Date(fetched + 5 * 60_000), TIME_ZONE),
    endCallTime: localText(new Date(fetched + 6 * 60_000), TIME_ZONE),
    reason: "",
  };
}

export { goodWriteBack, localText };

type Change = (form: Record<string, unknown>, h: Harness) => void;
const set =
  (field: string, value: unknown): Change =>
  (form) => {
    if (value === MISSING) delete form[field];
    else form[field] = value;
  };

const inFuture =
  (days: number): Change =>
  (form) => {
    form.writeStartTime = localText(new Date(Date.now() + days * 86_400_000), TIME_ZONE);
    form.endCallTime = localText(new Date(Date.now() + days * 86_400_000 + 60_000), TIME_ZONE);
  };

const writeBackFields: Record<string, [string, Change, string[]?][]> = {};
const field = (
  name: string,
  values: readonly (Bad | readonly [string, typeof MISSING])[],
  also: string[] = [],
) => {
  writeBackFields[name] = values.map(([family, value]) => [family, set(name, value), [name, ...also]]);
};
field("submissionId", [
  ["not a UUID", "not-a-uuid"],
  ["empty", ""],
  ["NUL", `${randomUUID()}\u0000`],
  ...wrongTypes(),
  ["missing", MISSING],
]);
field("baseVersion", [
  ["[]", []],
  ["null", null],
  ["empty", ""],
  ["-1", -1],
  ["1.5", 1.5],
  ["letters", "abc"],
  ["boolean", true],
  ["{}", {}],
  ["exponent", "0e0"],
  ["NUL", "0\u0000"],
  ["missing", MISSING],
]);
field("timeZone", [
  ["unknown zone", "Mars/Olympus"],
  ["empty", ""],
  ["NUL", `${TIME_ZONE}\u0000`],
  ...wrongTypes("wrong type boolean"),
  ["missing", MISSING],
]);
field("status", [
  ["outside the catalogue ZZZ", "ZZZ"],
  ["outside the catalogue 7", "7"],
  ["not set", ""],
  ...badCharacters("5"),
  overlongText(1000),
  ...wrongTypes(),
  ["missing", MISSING],
]);
field("failCode", [
  ["outside the catalogue ZZZZZ", "ZZZZZ"],
  ["four digits", "0014"],
  ["six digits", "001466"],
  ["empty with status 5 (failed)", ""],
  ...badCharacters("00146"),
  ...wrongTypes(),
  ["missing", MISSING],
]);
field("deviceType", [
  ["outside the catalogue 999", "999"],
  ["outside the catalogue 4", "4"],
  ["zero", "0"],
  ["negative", "-1"],
  ["letters", "abc"],
  ["decimal", "5.0"],
  ["NUL", "5\u0000"],
  ...wrongTypes(),
  ["missing", MISSING],
]);
field("asrResult", [...badCharacters("Voicemail"), overlongText(300), ...wrongTypes(), ["missing", MISSING]]);
field("phoneNumber", [
  ["letters", "1380000abcd"],
  ["not this call's number", "13999999999"],
  ["empty", ""],
  ...badCharacters("13800000001"),
  overlong(30),
  ...wrongTypes(),
  ["missing", MISSING],
]);
field("callId", [
  ...badCharacters("1700000000-1"),
  ["not ASCII", "caf\u00e9"],
  overlongText(100),
  ...wrongTypes(),
  ["missing", MISSING],
]);
for (const name of ["writeStartTime", "endCallTime"]) {
  field(
    name,
    [...badLocalTimes("T"), ["NUL", "2026-05-01T10:00:00\u0000"], ...wrongTypes(), ["missing", MISSING]],
    name === "writeStartTime" ? ["endCallTime"] : ["writeStartTime"],
  );
}
field("reason", [...badCharacters("typo"), overlongText(600), ...wrongTypes("wrong type null")]);
writeBackFields.outcome = [
  ["status 6 (succeeded) with 00146 (no answer)", set("status", "6"), ["status", "failCode"]],
  [
    "status 5 (failed) with 00000 (succeeded)",
    (f) => {
      f.failCode = "00000";
    },
    ["status", "failCode"],
  ],
  [
    "empty outcome",
    (f) => {
      f.status = "";
      f.failCode = "";
      f.deviceType = "";
    },
    ["status"],
  ],
];
writeBackFields.times = [
  [
    "end before start",
    (f) => {
      const start = f.writeStartTime;
      f.writeStartTime = f.endCallTime;
      f.endCallTime = start;
    },
    ["endCallTime", "writeStartTime"],
  ],
  ["both 3 days in the future", inFuture(3), ["writeStartTime", "endCallTime"]],
  [
    "end 2 days after start",
    (f) => {
      f.endCallTime = localText(new Date(Date.now() + 2 * 86_400_000), TIME_ZONE);
    },
    ["endCallTime"],
  ],
];

const SEND = "app/calls/[id]/actions.ts#sendWriteBack";
const encodings: ["JSON" | "multipart", (args: unknown[]) => string | FormData][] = [
  ["JSON", jsonReply],
  ["multipart", multipartReply],
];

for (const [encoding, encode] of encodings) {
  for (const [fieldName, changes] of Object.entries(writeBackFields)) {
    for (const [family, change, fields = [fieldName]] of changes) {
      const uniqueId = takeWriteBackCall();
      add(`action sendWriteBack (${encoding})`, fieldName, family, async (h) => {
        const call = await h.callByUniqueId(uniqueId);
        const form = goodWriteBack(h, call.phone, call.version);
        change(form, h);
        const r = await h.action(SEND, encode([call.id, form]), { user: "agent1" });
        return actionAnswer(r, fields);
      });
    }
  }

  // The argument list itself, malformed.
  const shapes: [string, (id: number, form: Record<string, unknown>) => unknown[]][] = [
    ["no arguments", () => []],
    ["[null]", () => [null]],
    ["values missing", (id) => [id]],
    ["values null", (id) => [id, null]],
    ["values []", (id) => [id, []]],
    ["values a string", (id) => [id, "status=5"]],
    ["values a number", (id) => [id, 5]],
    ["id letters", (_id, form) => ["abc", form]],
    ["id negative", (_id, form) => [-1, form]],
    ["id fraction", (id, form) => [id + 0.5, form]],
    ["id null", (_id, form) => [null, form]],
    ["id {}", (_id, form) => [{}, form]],
    ["id above bigint", (_id, form) => [1e20, form]],
  ];
  for (const [family, shape] of shapes) {
    const uniqueId = takeWriteBackCall();
    add(`action sendWriteBack (${encoding})`, "arguments", family, async (h) => {
      const call = await h.callByUniqueId(uniqueId);
      const r = await h.action(SEND, encode(shape(call.id, goodWriteBack(h, call.phone, call.version))), {
        user: "agent1",
      });
      return actionAnswer(r, []);
    });
  }
}

/* The request around the arguments: framework-level malformations. */
const protocol: [string, (h: Harness, id: number, form: Record<string, unknown>) => Promise<Answer>][] = [
  ["body not JSON", async (h) => actionAnswer(await h.action(SEND, "[1,{", { user: "agent1" }), [])],
  [
    "body a JSON object, not a list",
    async (h, id, form) =>
      actionAnswer(await h.action(SEND, JSON.stringify({ id, form }), { user: "agent1" }), []),
  ],
  [
    "multipart without part 0",
    async (h) => {
      const body = new FormData();
      body.set("1", "[]");
      return actionAnswer(await h.action(SEND, body, { user: "agent1" }), []);
    },
  ],
  [
    "a form reference with no form ($K1)",
    async (h, id) => actionAnswer(await h.action(SEND, JSON.stringify([id, "$K1"]), { user: "agent1" }), []),
  ],
  [
    "a promise reference to nothing ($@9)",
    async (h, id) => actionAnswer(await h.action(SEND, JSON.stringify([id, "$@9"]), { user: "agent1" }), []),
  ],
  [
    "2 MB body",
    async (h, id, form) =>
      actionAnswer(
        await h.action(SEND, jsonReply([id, { ...form, asrResult: "x".repeat(2 * 1024 * 1024) }]), {
          user: "agent1",
        }),
        [],
      ),
  ],
  [
    "foreign Origin",
    async (h, id, form) =>
      actionAnswer(
        await h.action(SEND, jsonReply([id, form]), {
          user: "agent1",
          headers: { Origin: "https://evil.example" },
        }),
        [],
      ),
  ],
  [
    "unknown action id",
    async (h, id, form) =>
      actionAnswer(
        await h.action(SEND, jsonReply([id, form]), { user: "agent1", actionId: "00".repeat(21) }),
        [],
      ),
  ],
  [
    "invalid UTF-8 bytes",
    async (h, id) =>
      actionAnswer(
        await h.action(
          SEND,
          new Uint8Array([...Buffer.from(`[${id},{"status":"`), 0xff, 0xfe, ...Buffer.from('"}]')]),
          { user: "agent1" },
        ),
        [],
      ),
  ],
];
for (const [family, run] of protocol) {
  const uniqueId = takeWriteBackCall();
  add("action sendWriteBack (request)", "request", family, async (h) => {
    const call = await h.callByUniqueId(uniqueId);
    return run(h, call.id, goodWriteBack(h, call.phone, call.version));
  });
}

/* ───────────── Server actions: drafts ───────────── */

const draftValues: [string, unknown][] = [
  ...badCharacters("5").map(([family, value]): [string, unknown] => [`status ${family}`, { status: value }]),
  ...badCharacters("typo").map(([family, value]): [string, unknown] => [
    `reason ${family}`,
    { reason: value },
  ]),
  ["baseVersion NUL", { baseVersion: "1\u0000" }],
  ["values []", []],
  ["values a string", "status=5"],
  ["values null", null],
  ["status nested depth 40", { status: nested(40) }],
  ["status overlong", { status: "x".repeat(100_000) }],
];
for (const [encoding, encode] of encodings) {
  for (const [family, values] of draftValues) {
    add(`action saveDraftAction (${encoding})`, "values", family, async (h) => {
      const call = await h.callByUniqueId(DRAFT_CALL);
      const r = await h.action("app/calls/[id]/actions.ts#saveDraftAction", encode([call.id, values]), {
        user: "agent1",
      });
      // A draft's answer carries only a message: any refusal will do.
      return actionAnswer(r, []);
    });
  }
  // A draft that waited on the device comes with when it was typed (issue 14).
  for (const [family, late] of [
    ["editedAt not a time", { editedAt: "yesterday" }],
    ["editedAt NUL", { editedAt: "2025-11-20T01:00:00Z\u0000" }],
    ["editedAt a number", { editedAt: 1_732_000_000_000 }],
    ["an unknown key", { editedAt: "2025-11-20T01:00:00Z", values: { status: "6" } }],
    ["a string", "2025-11-20T01:00:00Z"],
  ] as const) {
    add(`action saveDraftAction (${encoding})`, "late.editedAt", family, async (h) => {
      const call = await h.callByUniqueId(DRAFT_CALL);
      const r = await h.action(
        "app/calls/[id]/actions.ts#saveDraftAction",
        encode([call.id, { status: "5", baseVersion: "0" }, late]),
        { user: "agent1" },
      );
      return actionAnswer(r, []);
    });
  }
  for (const [family, id] of [
    ["letters", "abc"],
    ["null", null],
    ["[]", []],
    ["negative", -1],
    ["above bigint", 1e20],
  ] as const) {
    add(`action discardDraftAction (${encoding})`, "callRecordId", family, async (h) => {
      const r = await h.action("app/calls/[id]/actions.ts#discardDraftAction", encode([id]), {
        user: "agent1",
      });
      return actionAnswer(r, []);
    });
  }
  // "Next call" with a call that is no call: refused, nothing taken from the pool.
  for (const [family, args] of [
    ["letters", ["abc"]],
    ["[]", [[]]],
    ["{}", [{}]],
    ["negative", [-1]],
    ["fraction", [1.5]],
    ["above bigint", [1e20]],
    ["no arguments", []],
  ] as const) {
    add(`action openNextCallAction (${encoding})`, "callRecordId", family, async (h) => {
      const r = await h.action("app/calls/[id]/actions.ts#openNextCallAction", encode([...args]), {
        user: "agent1",
      });
      return actionAnswer(r, []);
    });
  }
  for (const [family, args] of [
    ["string", ["true"]],
    ["number", [1]],
    ["null", [null]],
    ["{}", [{}]],
    ["no arguments", []],
  ] as const) {
    add(`action setAutoAdvanceAction (${encoding})`, "on", family, async (h) => {
      const r = await h.action("app/calls/[id]/actions.ts#setAutoAdvanceAction", encode([...args]), {
        user: "agent1",
      });
      return actionAnswer(r, []);
    });
  }
}

/* ───────────── Server actions: admin and supervisor forms (multipart FormData) ───────────── */

type FormCase = {
  action: string;
  user: string;
  good: Record<string, string>;
  fields: Record<string, [string, string][]>;
  labels: Record<string, RegExp>;
};

/**
 * Bad characters for a form field or a file: a lone surrogate cannot be written in UTF-8
 * (FormData and files carry U+FFFD instead, a real character), so those families are for
 * JSON, where `\ud800` travels escaped.
 */
const textBad = (ok: string): [string, string][] =>
  badCharacters(ok)
    .filter(([family]) => !family.includes("surrogate"))
    .map(([family, value]) => [family, String(value)]);

const formCases: FormCase[] = [
  {
    action: "app/admin/users/actions.ts#addUserAction",
    user: "admin1",
    good: { username: "corpus-new", password: "corpus-password-1", role: "agent", workNo: "10100" },
    fields: {
      username: [...textBad("corpus-new"), ["empty", ""], ["overlong", "u".repeat(1000)]],
      password: [...textBad("corpus-password-1"), ["too short", "short"], ["overlong", "p".repeat(1000)]],
      role: [
        ["unknown", "root"],
        ["empty", ""],
        ["NUL", "agent\u0000"],
      ],
      workNo: [
        ["letters", "12ab"],
        ["NUL", "123\u0000"],
        ["11 digits", "12345678901"],
        ["negative", "-1"],
        ["full-width digits", "\uff11\uff12\uff13"],
      ],
    },
    labels: { username: /username/i, password: /password/i, role: /role/i, workNo: /work number/i },
  },
  {
    action: "app/admin/users/actions.ts#setWorkNoAction",
    user: "admin1",
    good: { username: TARGET_USER, workNo: "10001" },
    fields: {
      username: [...textBad(TARGET_USER)],
      workNo: [
        ["letters", "12ab"],
        ["NUL", "123\u0000"],
        ["control BEL", "123\u0007"],
        ["11 digits", "12345678901"],
        ["full-width digits", "\uff11\uff12\uff13"],
      ],
    },
    labels: { username: /user/i, workNo: /work number/i },
  },
  {
    action: "app/admin/users/actions.ts#setRoleAction",
    user: "admin1",
    good: { username: TARGET_USER, role: "agent" },
    fields: {
      role: [
        ["unknown", "superuser"],
        ["empty", ""],
        ["NUL", "agent\u0000"],
      ],
      username: textBad(TARGET_USER),
    },
    labels: { role: /role/i, username: /user/i },
  },
  {
    action: "app/admin/users/actions.ts#setDisabledAction",
    user: "admin1",
    good: { username: TARGET_USER, disabled: "false" },
    fields: {
      disabled: [
        ["maybe", "maybe"],
        ["empty", ""],
        ["NUL", "false\u0000"],
      ],
      username: textBad(TARGET_USER),
    },
    labels: { disabled: /disable/i, username: /user/i },
  },
  {
    action: "app/admin/users/actions.ts#setPasswordAction",
    user: "admin1",
    good: { username: TARGET_USER, password: "agent1-demo-pass" },
    fields: {
      password: [...textBad("agent1-demo-pass"), ["too short", "short"], ["overlong", "p".repeat(1000)]],
    },
    labels: { password: /password/i },
  },
  {
    action: "app/admin/api-keys/actions.ts#createKeyAction",
    user: "admin1",
    good: { name: "corpus key", serviceIds: TASK, rateLimitPerMin: "60" },
    fields: {
      name: [...textBad("corpus key"), ["empty", ""], ["overlong", "n".repeat(1000)]],
      serviceIds: [...textBad(TASK), ["empty", ""], ["overlong task id", "t".repeat(300)]],
      rateLimitPerMin: [
        ["letters", "abc"],
        ["negative", "-1"],
        ["zero", "0"],
        ["fraction", "1.5"],
        ["above max", "1000000000"],
        ["NUL", "60\u0000"],
      ],
    },
    labels: { name: /name/i, serviceIds: /task/i, rateLimitPerMin: /limit|requests|whole number|number/i },
  },
  {
    action: "app/admin/api-keys/actions.ts#revokeKeyAction",
    user: "admin1",
    good: { id: "999999" },
    fields: {
      id: [
        ["letters", "abc"],
        ["negative", "-1"],
        ["NUL", "1\u0000"],
        ["above bigint", "1e20"],
      ],
    },
    labels: { id: /key/i },
  },
  {
    action: "app/supervisor/import/actions.ts#importChoiceAction",
    user: "super1",
    good: { id: "999999", mode: "all" },
    fields: {
      id: [
        ["letters", "abc"],
        ["negative", "-1"],
        ["fraction", "1.5"],
        ["NUL", "1\u0000"],
        ["above bigint", "1e20"],
      ],
      mode: [
        ["unknown", "nuke"],
        ["empty", ""],
        ["NUL", "all\u0000"],
      ],
    },
    labels: { id: /import/i, mode: /import|how/i },
  },
];

for (const form of formCases) {
  const name = form.action.split("#")[1] ?? form.action;
  for (const [fieldName, values] of Object.entries(form.fields)) {
    for (const [family, value] of values) {
      add(`action ${name} (form)`, fieldName, family, async (h) => {
        // A new user needs a name of its own, unless the name is the bad value.
        const own: Record<string, string> = form.action.endsWith("#addUserAction")
          ? { username: fresh("corpus-new") }
          : {};
        const fields = { ...form.good, ...own, [fieldName]: value };
        const label = form.labels[fieldName];
        const r = await h.action(form.action, formReply("prev+form", fields), { user: form.user });
        return actionAnswer(r, [fieldName], label ? [label] : []);
      });
    }
  }
}

/* ───────────── Sign-in (signInAction) ───────────── */

/*
 * signInAction(prevState, formData) is the form's action (useActionState): the browser sends
 * React's multipart reply, part 0 `[null, "$K1"]` and the fields as `_1_<name>`. A form
 * field is text or a file, so the bad values are text, a file, or a field left out; the
 * wrong shapes of the arguments (no form at all, the old object signature) go as JSON.
 */
const signInFields: Record<string, (readonly [string, string | Blob] | readonly [string, typeof MISSING])[]> =
  {
    username: [
      ...badCharacters("agent1").map(([family, value]) => [family, String(value)] as const),
      ["overlong", "x".repeat(10_000)],
      ["empty", ""],
      ["a file, not text", new Blob(["agent1"])],
      ["missing", MISSING],
    ],
    password: [
      // scrypt reads trailing NULs as nothing: the right password and a NUL must not sign in.
      ...badCharacters("agent1-demo-pass").map(([family, value]) => [family, String(value)] as const),
      ["overlong", "x".repeat(10_000)],
      ["empty", ""],
      ["a file, not text", new Blob(["agent1-demo-pass"])],
      ["missing", MISSING],
    ],
  };
/** The sign-in form as the browser posts it, with `next`. */
export function signInForm(fields: Record<string, string | Blob | typeof MISSING>): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === MISSING) continue;
    if (typeof value === "string") body.append(`_1_${name}`, value);
    else body.append(`_1_${name}`, value, "credentials.txt");
  }
  body.set("0", JSON.stringify([null, "$K1"]));
  return body;
}
const credentials = /username|password/i;
for (const [fieldName, values] of Object.entries(signInFields)) {
  for (const [family, value] of values) {
    add("action signInAction (form)", fieldName, family, async (h) => {
      const fields: Record<string, string | Blob | typeof MISSING> = {
        username: "agent1",
        password: "agent1-demo-pass",
        next: "/",
        [fieldName]: value,
      };
      const r = await h.action("app/sign-in/actions.ts#signInAction", signInForm(fields));
      return actionAnswer(r, [fieldName], [credentials]);
    });
  }
}
const good = { username: "agent1", password: "agent1-demo-pass", next: "/" };
for (const [family, args] of [
  ["no arguments", []],
  ["[null]", [null]],
  ["a string", ["agent1"]],
  ["a list", [["agent1", "agent1-demo-pass"]]],
  ["an object, not a form (old signature)", [good]],
  ["state and an object, not a form", [null, good]],
  ["state and a string", [null, "username=agent1&password=agent1-demo-pass"]],
] as const) {
  add("action signInAction (JSON)", "arguments", family, async (h) => {
    const r = await h.action("app/sign-in/actions.ts#signInAction", jsonReply([...args]));
    return actionAnswer(r, [], []);
  });
}

add("action signInAction (request)", "request", "foreign Origin with good credentials", async (h) => {
  const r = await h.action("app/sign-in/actions.ts#signInAction", signInForm(good), {
    headers: { Origin: "https://evil.example" },
  });
  return actionAnswer(r, []);
});

/* ───────────── Import files: the upload route and the import command ───────────── */

const HEADER = "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,callerNumber,fetchTime,agent";
const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const goodCsvRow = (uniqueId: string): Record<string, string> => ({
  subCCNo: "1",
  vdnId: "1",
  serviceId: TASK,
  uniqueId,
  phoneNumber: "13812345678",
  callData: "name=File",
  callerNumber: "95500",
  fetchTime: "2026-05-01 10:00:00",
  agent: "agent1",
});

type FileCase = { field: string; family: string; name: string; bytes: () => Uint8Array; fields: string[] };
const files: FileCase[] = [];

const csvValues: Record<string, [string, string][]> = {
  serviceId: textBad("task"),
  uniqueId: textBad("U"),
  phoneNumber: [["letters", "1380000abcd"], ...textBad("13812345678")],
  callData: [
    ["NUL", "name\u0000"],
    ["control BEL", "name\u0007"],
    ["control ESC", "\u001b[2Jname"],
    ["JSON text with an escaped NUL", '{"name":"a\\u0000b"}'],
  ],
  callerNumber: [["letters", "abc"], ["plus and spaces", "+86 10"], ...textBad("95500")],
  fetchTime: badLocalTimes(" ").map(([family, value]) => [family, String(value)]),
  agent: [
    ["a supervisor", "super1"],
    ["an admin", "admin1"],
    ["nobody", "nobody-such"],
    ["NUL", "agent1\u0000"],
  ],
};
for (const [fieldName, values] of Object.entries(csvValues)) {
  for (const [family, value] of values) {
    files.push({
      field: fieldName,
      family: `CSV ${family}`,
      name: "calls.csv",
      // A NUL makes the whole file not text (decode.ts): refused for the file, with its line.
      fields: family === "NUL" ? [fieldName, "file"] : [fieldName],
      bytes: () => {
        const row = { ...goodCsvRow(fresh("CORPUS-FILE")), [fieldName]: value };
        return Buffer.from(`${HEADER}\n${Object.values(row).map(csvCell).join(",")}\n`, "utf8");
      },
    });
  }
}
const jsonValues: Record<string, Bad[]> = {
  uniqueId: [["lone high surrogate", "U\ud800"], ...wrongTypes("wrong type number", "wrong type null")],
  phoneNumber: [
    ["number", 13812345678],
    ["list with null", [null]],
  ],
  callData: [
    ["nested depth 40", nested(40)],
    ["NUL inside an object", { name: "a\u0000b" }],
    ["lone low surrogate", "\udc00name"],
  ],
  fetchTime: [["number", 1714550400]],
  agent: [
    ["a supervisor", "super1"],
    ["wrong type []", []],
  ],
};
for (const [fieldName, values] of Object.entries(jsonValues)) {
  for (const [family, value] of values) {
    files.push({
      field: fieldName,
      family: `JSON ${family}`,
      name: "calls.json",
      fields: [fieldName],
      bytes: () => {
        const record: Record<string, unknown> = {
          ...goodRecord(fresh("CORPUS-FILE")),
          agent: "agent1",
          [fieldName]: value,
        };
        return Buffer.from(JSON.stringify([record], null, 2), "utf8");
      },
    });
  }
}
const goodCsvLine = () => Object.values(goodCsvRow(fresh("CORPUS-FILE"))).join(",");
const encodingFiles: [string, string, () => Uint8Array][] = [
  [
    "invalid UTF-8 byte 0xFF in a field",
    "calls.csv",
    () =>
      Buffer.concat([
        Buffer.from(`${HEADER}\n1,1,${TASK},CORPUS-FILE-`),
        Buffer.from([0xff, 0x80]),
        Buffer.from(`,13812345678,x,,,\n`),
      ]),
  ],
  [
    "invalid UTF-8 byte 0x80 in callData",
    "calls.csv",
    () =>
      Buffer.concat([
        Buffer.from(`${HEADER}\n1,1,${TASK},${fresh("CORPUS-FILE")},13812345678,name`),
        Buffer.from([0x80]),
        Buffer.from(",,,\n"),
      ]),
  ],
  [
    "UTF-16LE with BOM",
    "calls.csv",
    () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${goodCsvLine()}\n`, "utf16le")]),
  ],
  [
    "invalid UTF-8 in a JSON string",
    "calls.json",
    () =>
      Buffer.concat([
        Buffer.from(
          `[{"subCCNo":1,"vdnId":1,"serviceId":"${TASK}","uniqueId":"${fresh("CORPUS-FILE")}","phoneNumber":"13812345678","callData":"`,
        ),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}]'),
      ]),
  ],
];
for (const [family, name, bytes] of encodingFiles) {
  files.push({
    field: "file",
    family,
    name,
    bytes,
    fields: ["file", "row", "serviceId", "uniqueId", "callData"],
  });
}
files.push(
  {
    field: "file",
    family: "CSV without the phoneNumber column",
    name: "calls.csv",
    fields: ["file", "phoneNumber"],
    bytes: () =>
      Buffer.from(`subCCNo,vdnId,serviceId,uniqueId,callData\n1,1,${TASK},${fresh("CORPUS-FILE")},x\n`),
  },
  {
    field: "file",
    family: "JSON not a list",
    name: "calls.json",
    fields: ["file"],
    bytes: () => Buffer.from(JSON.stringify(goodRecord(fresh("CORPUS-FILE")))),
  },
  {
    field: "row",
    family: "JSON list of lists",
    name: "calls.json",
    fields: ["row"],
    bytes: () => Buffer.from("[[1,2,3]]"),
  },
);

const goodFile = () =>
  Buffer.from(
    `${HEADER}\n${Object.values(goodCsvRow(fresh("CORPUS-FILE")))
      .map(csvCell)
      .join(",")}\n`,
  );
add("import upload route", "request", "foreign Origin with a good file", async (h) => {
  const body = new FormData();
  body.set("file", new Blob([new Uint8Array(goodFile())]), "calls.csv");
  const r = await h.http("/supervisor/import/upload", {
    method: "POST",
    body,
    user: "super1",
    headers: { Origin: "https://evil.example" },
  });
  return apiAnswer(r.status, r.json, r.text, []);
});
add("import upload route", "file", "over 20 MB", async (h) => {
  const row = Object.values(goodCsvRow("CORPUS-FILE-BIG")).map(csvCell).join(",");
  const body = new FormData();
  body.set("file", new Blob([`${HEADER}\n${row}\n`, " ".repeat(21 * 1024 * 1024)]), "calls.csv");
  const r = await h.http("/supervisor/import/upload", { method: "POST", body, user: "super1" });
  return apiAnswer(r.status, r.json, r.text, []);
});

/** Problems an import reports name a field; a line of 1 or more says where. */
const importErrorNames = (errors: unknown, fields: readonly string[]) =>
  Array.isArray(errors) &&
  errors.some(
    (e: { field?: unknown; line?: unknown }) => fields.includes(String(e.field)) && Number(e.line) >= 1,
  );

for (const file of files) {
  add("import upload route", file.field, file.family, async (h) => {
    const body = new FormData();
    body.set("file", new Blob([new Uint8Array(file.bytes())]), file.name);
    const r = await h.http("/supervisor/import/upload", { method: "POST", body, user: "super1" });
    const answer = apiAnswer(r.status, r.json, r.text, file.fields);
    const jobId = (r.json as { id?: unknown } | null)?.id;
    if (r.status !== 200 || typeof jobId !== "number") return answer;
    // A bad file may be kept as a preview that lists its problems: refused, nothing imported.
    const job = (
      await h.db.query<{ state: string; good_rows: number; bad_rows: number; errors: unknown }>(
        "SELECT state, good_rows, bad_rows, errors FROM import_jobs WHERE id = $1",
        [jobId],
      )
    ).rows[0];
    const errors = Array.isArray(job?.errors) ? (job.errors as { field?: unknown; message?: unknown }[]) : [];
    // Refused: a preview with nothing to import and the problems listed (a file-level
    // problem, such as JSON that is not a list, counts no bad row but lists an error).
    const refused =
      job !== undefined &&
      job.state === "preview" &&
      job.good_rows === 0 &&
      (job.bad_rows > 0 || errors.length > 0);
    return {
      code: r.status,
      serverError: false,
      refused,
      namesField: importErrorNames(errors, file.fields),
      summary: `HTTP 200 preview: ${job?.good_rows} good, ${job?.bad_rows} bad${errors[0] ? `; ${String(errors[0].field)}: ${String(errors[0].message).slice(0, 70)}` : ""}`,
      mayChange: {
        table: "import_jobs",
        check: async () => {
          const n = await h.db.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM import_jobs WHERE id <> $1 AND state <> 'preview'",
            [jobId],
          );
          return refused && n.rows[0]?.n === 0
            ? null
            : "the upload stored a job that is not a refused preview";
        },
      },
    };
  });
  add("import command (calls:import)", file.field, file.family, async (h) => {
    const path = join(h.ctx.workDir, `${fresh("file")}-${file.name}`);
    writeFileSync(path, file.bytes());
    const r = await h.importCommand([path]);
    const stderr = r.stderr;
    // A row's problem: `line 4, field X:` (CSV) or `record 3 (line 12), field X:` (JSON). A
    // file's problem (not text, not UTF-8 or GB18030): `line 2: <the file> …`.
    const named =
      file.fields.some((f) =>
        new RegExp(`(^|\\n)(line \\d+|record \\d+ \\(line \\d+\\)), field ${f}:`).test(stderr),
      ) ||
      (file.fields.includes("file") &&
        stderr.split("\n").some((l) => /^line \d+: /.test(l) && l.includes(path)));
    const crashed = r.code === null || r.code === 3 || /calls:import failed|\n\s+at /.test(stderr);
    return {
      code: r.code ?? -1,
      serverError: crashed,
      refused: r.code === 1 || r.code === 2,
      namesField: named,
      summary: `exit ${r.code} ${stderr.replace(/\s+/g, " ").trim().slice(0, 130)}`,
    };
  });
}

export const corpusCases: readonly Case[] = cases;
