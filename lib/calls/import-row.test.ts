import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textProblem } from "@/lib/validation/text";
import { callImportFields, callImportRowSchema } from "./import-row";

const fieldNames = new Set<string>(callImportFields);

const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.json().map((text) => JSON.parse(text) as unknown),
  fc.constantFrom("1", "88", "TASK", "13800000001;13900000001", "2024-05-01 14:30:00", "agent1", "\u0000"),
);

const goodish = fc.record({
  subCCNo: fc.oneof(fc.nat(2_147_483_647), fc.nat(99).map(String)),
  vdnId: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }).map(String)),
  serviceId: fc.string({ minLength: 1, maxLength: 40 }),
  uniqueId: fc.string({ minLength: 1, maxLength: 40 }),
  phoneNumber: fc.oneof(
    fc.array(fc.stringMatching(/^[0-9*#]{1,24}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[0-9]{5,12}(;[0-9]{5,12}){0,2}$/),
  ),
  callData: fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.json().map((t) => JSON.parse(t) as unknown),
  ),
  fetchTime: fc.option(
    fc.constantFrom("2024-05-01 14:30:00", "2024-05-01T14:30:00+08:00", "2024-02-30 10:00"),
    {
      nil: undefined,
    },
  ),
  agent: fc.option(fc.string({ maxLength: 70 }), { nil: undefined }),
});

describe("callImportRowSchema, property-based", () => {
  it("any record either parses to a row that round-trips, or is refused naming a field; never a throw", () => {
    let good = 0;
    fc.assert(
      fc.property(
        fc.oneof(goodish, fc.dictionary(fc.constantFrom(...callImportFields, "other"), anyValue), anyValue),
        (input) => {
          const r = callImportRowSchema.safeParse(input);
          if (!r.success) {
            for (const issue of r.error.issues) {
              if (issue.path.length > 0) expect(fieldNames).toContain(String(issue.path[0]));
              expect(issue.message).not.toBe("");
            }
            return;
          }
          good += 1;
          // The row as a CSV file would give it back: text in every cell.
          const row = r.data;
          const again = callImportRowSchema.parse({
            subCCNo: String(row.subCCNo),
            vdnId: String(row.vdnId),
            serviceId: row.serviceId,
            uniqueId: row.uniqueId,
            phoneNumber: row.phoneNumber.join(";"),
            callData: row.callData,
            callerNumber: row.callerNumber,
            fetchTime: row.fetchTime,
            agent: row.agent,
          });
          expect(again).toEqual(row);
          // Nothing a database would refuse or silently change.
          for (const text of [row.serviceId, row.uniqueId, row.callData, row.agent ?? ""]) {
            expect(textProblem(text, { multiline: true })).toBeNull();
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(good).toBeGreaterThan(100);
  });
});
