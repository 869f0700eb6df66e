import { describe, expect, it } from "vitest";
import { locales } from "@/i18n/config";
import { writeBackSchemaFor } from "@/lib/write-back/form-schema";
import { englishMessages, type ValidationMessages } from "./messages";
import { validationMessagesFor } from "./messages-locale";

/** Every text the messages can make, each function called with sample values of its kind. */
function allTexts(m: ValidationMessages): string[] {
  const w = m.writeBackMessages;
  return [
    ...Object.values(m.fieldLabels),
    ...Object.values(m.textMessages),
    m.labelled("Call id", m.textMessages.nul),
    m.jsonMessages.tooDeep(8),
    ...Object.values(w).filter((v): v is string => typeof v === "string"),
    w.tooLong("callId", 64),
    w.timeFormat("writeStartTime"),
    w.failCodeUnlistedFormat("5 digits"),
    w.requiredForStatus("failCode", "Busy"),
    w.failCodeOnly("Busy", w.either(["00145", "00146"])),
    w.failCodeExcept("Busy", "00145"),
    w.timeNotReal("endCallTime"),
    w.timeGap("endCallTime", "Europe/Paris"),
    w.timeAmbiguous("endCallTime", "Europe/Paris"),
    w.yearTooEarly("endCallTime", 2000),
    w.tooLongBeforeFetch("writeStartTime", 7),
    w.inTheFuture("writeStartTime", 5),
    w.callTooLong(4),
    ...Object.values(m.submit),
    ...Object.values(m.finalMessages).filter((v): v is string => typeof v === "string"),
    m.finalMessages.storedInvalid([m.fieldLabels.status, m.fieldLabels.failCode]),
  ];
}

describe("validation messages in both languages", () => {
  it("English is what the API, the command line and the tests get by default", () => {
    expect(validationMessagesFor("en")).toBe(englishMessages);
    expect(englishMessages.writeBackMessages.requiredForStatus("callId", "Busy")).toBe(
      "Call id: required when the call status is “Busy”",
    );
  });

  it("every message of every language is filled in: no placeholder left, no key shown instead", () => {
    for (const locale of locales) {
      for (const text of allTexts(validationMessagesFor(locale))) {
        expect(text, `${locale}: ${text}`).not.toMatch(/[{}]|^validation\.|^(writeBack|final|fields|text)\./);
        expect(text.length).toBeGreaterThan(0);
      }
    }
  });

  it("Chinese messages are Chinese, and name the field in Chinese", () => {
    const zh = validationMessagesFor("zh-CN");
    for (const text of allTexts(zh)) expect(text, text).toMatch(/[\u3400-\u9fff]/u);
    expect(zh.writeBackMessages.endBeforeStart).toContain(zh.fieldLabels.endCallTime);
    expect(zh.fieldLabels.endCallTime).toBe("通话结束");
  });

  it("the one write-back schema answers in the language it is given, field by field", () => {
    const catalogue = {
      statuses: [{ code: "3", label: "用户忙" }],
      failCodes: [],
      deviceTypes: [{ code: 1, label: "手机" }],
      rules: {
        statusRequired: true,
        unlistedFailCodes: { allow: false, pattern: "^$", description: "" },
        byStatus: {},
        times: { earliestYear: 2000, maxDaysBeforeFetch: 7, maxMinutesInFuture: 5, maxCallHours: 4 },
      },
    } as unknown as Parameters<typeof writeBackSchemaFor>[0];
    const values = {
      submissionId: "not-a-uuid",
      baseVersion: 0,
      timeZone: "Asia/Shanghai",
      status: "",
      failCode: "",
      asrResult: "",
      deviceType: "",
      phoneNumber: "",
      callId: "bad\u0000",
      writeStartTime: "",
      endCallTime: "2026-12-02T10:00",
      reason: "",
    };
    const context = { fetchTime: new Date("2026-12-02T01:00:00Z"), phoneNumbers: ["13800000000"] };
    const zh = writeBackSchemaFor(catalogue, context, validationMessagesFor("zh-CN")).safeParse(values);
    const en = writeBackSchemaFor(catalogue, context).safeParse(values);
    expect(zh.success || en.success).toBe(false);
    const byField = (r: typeof zh) =>
      Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    const zhByField = byField(zh);
    const enByField = byField(en);
    // The same fields are refused in both languages, each message in its own.
    expect(Object.keys(zhByField).sort()).toEqual(Object.keys(enByField).sort());
    for (const field of ["submissionId", "phoneNumber", "callId"]) {
      expect(zhByField[field], field).toMatch(/[\u3400-\u9fff]/u);
      expect(enByField[field], field).not.toMatch(/[\u3400-\u9fff]/u);
    }
    expect(zhByField.callId).toContain("呼叫 ID");
    expect(enByField.callId).toContain("Call id");
  });
});
