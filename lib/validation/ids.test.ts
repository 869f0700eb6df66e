import { expect, it } from "vitest";
import { recordIdSchema } from "./ids";

it("takes an id as digits or a whole number from 1, and nothing z.coerce would have made into one", () => {
  expect(recordIdSchema.parse("42")).toBe(42);
  expect(recordIdSchema.parse(7)).toBe(7);
  for (const bad of ["", " 5", "0", "0x10", "1e2", "-1", "1.5", null, [], ["3"], {}, true, 0, 2 ** 60]) {
    expect(recordIdSchema.safeParse(bad).success).toBe(false);
  }
});
