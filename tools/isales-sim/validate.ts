/**
 * The simulator's strict reading of request bodies. Three grades of wrong, as iSales
 * documents them: a body that is not JSON is a bad request (HTTP 400); a required field
 * that is missing or of the wrong JSON type is a parameter error answered with HTTP 200
 * and a non-zero result; a value of the right type that is not acceptable is a business
 * failure (HTTP 500).
 *
 * Result codes (iSales publishes the family, not which code each case gets; these are
 * this simulator's choices, in the order the family lists them):
 *   0200001  parameter exception: the JSON is not an object
 *   02000001 a required parameter is missing or empty
 *   02000002 a parameter has illegal characters (a control character such as NUL)
 *   02000006 a parameter is of the wrong type
 *
 * Business failures (HTTP 500) follow the reference's value lists: deviceType one of the
 * documented device types (1, 2, 3, 5, 6), failCode five digits as in the platform's cause
 * code table, a call that does not end before it starts.
 */

export const resultCodes = {
  parameterException: "0200001",
  dataNotFound: "0200033",
  missing: "02000001",
  illegalCharacters: "02000002",
  wrongType: "02000006",
} as const;

export type Verdict =
  | { ok: true }
  | { ok: false; status: 200; result: string; reason: string }
  | { ok: false; status: 500; reason: string };

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isJsonInteger = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value);

const timePattern = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `yyyy-MM-dd HH:mm:ss` naming a real calendar time. */
export function isIsalesTime(value: string): boolean {
  const m = timePattern.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

const phonePattern = /^[0-9*#]{1,24}$/;
const documentedDeviceTypes = [1, 2, 3, 5, 6];
const failCodePattern = /^\d{5}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const controlCharacter = /[\u0000-\u001F\u007F-\u009F]/;
/** The 13 documented fields of midresult and call/result, in order, and the JSON each takes. */
const writeBackFields = {
  subCCNo: "integer",
  vdnId: "integer",
  uniqueId: "string",
  serviceId: "string",
  status: "optional string",
  deviceType: "optional integer",
  phoneNumber: "optional string",
  failCode: "optional string",
  asrResult: "optional string",
  fetchTime: "optional string",
  writeStartTime: "optional string",
  endCallTime: "optional string",
  callId: "optional string",
} as const;
type WriteBackField = keyof typeof writeBackFields;
const fieldsTaking = (kind: (typeof writeBackFields)[WriteBackField]) =>
  (Object.keys(writeBackFields) as WriteBackField[]).filter((key) => writeBackFields[key] === kind);
const optionalStrings = fieldsTaking("optional string");
const timeFields = ["fetchTime", "writeStartTime", "endCallTime"] as const;

const refuse = (result: string, reason: string): Verdict => ({ ok: false, status: 200, result, reason });
const fail = (reason: string): Verdict => ({ ok: false, status: 500, reason });

/** midresult and call/result: the 13 documented fields. */
export function validateWriteBack(body: unknown): Verdict {
  if (!isObject(body)) return refuse(resultCodes.parameterException, "body is not a JSON object");
  for (const key of fieldsTaking("integer")) {
    if (body[key] === undefined || body[key] === "") return refuse(resultCodes.missing, `${key} is missing`);
    if (!isJsonInteger(body[key])) return refuse(resultCodes.wrongType, `${key} must be a JSON integer`);
  }
  for (const key of fieldsTaking("string")) {
    if (body[key] === undefined || body[key] === "") return refuse(resultCodes.missing, `${key} is missing`);
    if (typeof body[key] !== "string") return refuse(resultCodes.wrongType, `${key} must be a string`);
  }
  for (const key of optionalStrings) {
    if (body[key] !== undefined && typeof body[key] !== "string") {
      return refuse(resultCodes.wrongType, `${key} must be a string`);
    }
  }
  const deviceType = body.deviceType;
  if (deviceType !== undefined && deviceType !== "" && !isJsonInteger(deviceType)) {
    return refuse(resultCodes.wrongType, "deviceType must be a JSON integer or empty");
  }

  for (const key of [...fieldsTaking("string"), ...optionalStrings]) {
    const value = body[key];
    if (typeof value === "string" && controlCharacter.test(value)) {
      return refuse(resultCodes.illegalCharacters, `${key} has illegal characters`);
    }
  }

  const vdnId = body.vdnId as number;
  if (vdnId < 1 || vdnId > 9999) return fail("vdnId must be 1 to 9999");
  const phone = body.phoneNumber;
  if (typeof phone === "string" && phone !== "" && !phonePattern.test(phone)) {
    return fail("phoneNumber must be at most 24 of 0-9 * #");
  }
  for (const key of timeFields) {
    const value = body[key];
    if (typeof value === "string" && value !== "" && !isIsalesTime(value)) {
      return fail(`${key} must be yyyy-MM-dd HH:mm:ss`);
    }
  }
  if (typeof deviceType === "number" && !documentedDeviceTypes.includes(deviceType)) {
    return fail(`deviceType must be one of ${documentedDeviceTypes.join(", ")}`);
  }
  if (typeof body.failCode === "string" && body.failCode !== "" && !failCodePattern.test(body.failCode)) {
    return fail("failCode must be five digits");
  }
  const start = body.writeStartTime;
  const end = body.endCallTime;
  // Same format, same zone: the text orders as the times do.
  if (typeof start === "string" && typeof end === "string" && start !== "" && end !== "" && end < start) {
    return fail("endCallTime is before writeStartTime");
  }
  return { ok: true };
}

/** An integer, or a string of digits (the tasks page types the ids as String). */
export function readId(value: unknown): number | null {
  if (isJsonInteger(value)) return value;
  if (typeof value === "string" && /^\d{1,9}$/.test(value)) return Number(value);
  return null;
}
