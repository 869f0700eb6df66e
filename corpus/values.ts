/**
 * Families of bad values, shared by every boundary. A family is a name and a value; a
 * boundary's field list picks the families that are bad for that field (null is fine for an
 * optional field, an object is fine for callData...). Add a family here and to the fields
 * it applies to, and every boundary that lists it gets the new cases.
 */

export type Bad = readonly [family: string, value: unknown];

/** JSON nested `levels` deep: {"a":{"a":…}} or [[…]]. */
export function nested(levels: number, kind: "object" | "array" = "object"): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = kind === "object" ? { a: value } : [value];
  return value;
}

/** Text problems: characters no text field may hold. */
export const badCharacters = (ok: string): Bad[] => [
  ["NUL", `${ok}\u0000`],
  ["control BEL", `${ok}\u0007`],
  ["control ESC", `\u001b[31m${ok}`],
  ["control DEL", `${ok}\u007f`],
  ["lone high surrogate", `${ok}\ud800`],
  ["lone low surrogate", `\udc00${ok}`],
];

export const wrongTypes = (...skip: string[]): Bad[] =>
  (
    [
      ["wrong type []", []],
      ["wrong type {}", {}],
      ["wrong type null", null],
      ["wrong type number", 12345],
      ["wrong type boolean", true],
      ["nested depth 40", nested(40)],
    ] as Bad[]
  ).filter(([family]) => !skip.includes(family));

export const overlong = (length: number): Bad => ["overlong", "9".repeat(length)];
export const overlongText = (length: number): Bad => ["overlong", "x".repeat(length)];

/** Wall-clock times (agent's or ISALES_TIME_ZONE, Europe/Berlin) that are not sane. */
export const badLocalTimes = (sep: "T" | " "): Bad[] => [
  ["year 0099", `0099-05-01${sep}10:00:00`],
  ["year 9999", `9999-12-31${sep}23:59:00`],
  ["year 1999", `1999-12-31${sep}23:00:00`],
  ["DST gap (Europe/Berlin)", `2026-03-29${sep}02:30:00`],
  ["DST ambiguous (Europe/Berlin)", `2026-10-25${sep}02:30:00`],
  ["no such day", `2026-02-30${sep}10:00:00`],
  ["hour 25", `2026-05-01${sep}25:00:00`],
  ["words", "yesterday"],
];
