import type { QuickOutcome } from "@/lib/catalogue-schema";
import type { WriteBackFormValues } from "./form-schema";

type Stampable = Pick<WriteBackFormValues, "writeStartTime" | "endCallTime">;
type Applied = Partial<
  Pick<WriteBackFormValues, "status" | "failCode" | "asrResult" | "deviceType" | "endCallTime">
>;

/**
 * The form values a quick outcome sets (lib/catalogue-schema.ts, `quickOutcomes`): its
 * status and failure code, its detection result and device type where it names them, and
 * the call's end (`now`, the agent's wall-clock text) when it stamps the end, the start is
 * stamped and the end is not. Fields it does not name are left as the agent has them. The
 * values still go through the form's one schema, in the browser and again on the server.
 */
export function quickOutcomeValues(
  q: Pick<QuickOutcome, "status" | "failCode" | "asrResult" | "deviceType" | "stampEnd">,
  current: Stampable,
  now: string,
): Applied {
  const values: Applied = { status: q.status, failCode: q.failCode ?? "" };
  if (q.asrResult !== undefined) values.asrResult = q.asrResult;
  if (q.deviceType !== undefined) values.deviceType = String(q.deviceType);
  if (q.stampEnd && current.writeStartTime !== "" && current.endCallTime === "") values.endCallTime = now;
  return values;
}
