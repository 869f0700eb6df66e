import "@/lib/zod-browser";
import { z } from "zod";

/**
 * The write-back form, shared by the browser (zodResolver) and the server action, which
 * parses it again and trusts nothing the browser checked. Values are what the controls
 * hold: strings. Times are the agent's local wall-clock times (`yyyy-MM-ddTHH:mm[:ss]`,
 * what <input type="datetime-local"> gives) with the browser's IANA time zone beside them;
 * the server turns them into instants and formats them in ISALES_TIME_ZONE.
 * fetchTime is not here: it comes from the call's record, never from the browser.
 */

export const localDateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const localDateTime = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || localDateTimePattern.test(v), `${label}: enter a date and time`);

export const writeBackFormSchema = z
  .object({
    /** Made in the browser once per submission: the same id twice is one write-back. */
    submissionId: z.uuid("Submission id must be a UUID"),
    /** Version of the call's outcome the form was loaded from. */
    baseVersion: z.coerce.number().int().min(0),
    timeZone: z
      .string()
      .min(1, "Time zone is missing")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "Time zone is not a known IANA name"),
    status: z.string().trim().max(32, "Call status: at most 32 characters"),
    failCode: z
      .string()
      .trim()
      .max(16, "Failure cause code: at most 16 characters")
      .regex(/^[0-9A-Za-z_-]*$/, "Failure cause code: letters and digits only"),
    asrResult: z.string().trim().max(256, "ASR result: at most 256 characters"),
    deviceType: z
      .string()
      .trim()
      .regex(/^\d{0,3}$/, "Device type: choose one from the list"),
    phoneNumber: z
      .string()
      .trim()
      .min(1, "Number dialled: choose the number you called")
      .max(24, "Number dialled: at most 24 characters")
      .regex(/^[0-9*#]+$/, "Number dialled: only digits, * and #"),
    callId: z
      .string()
      .trim()
      .max(64, "Call id: at most 64 characters")
      .regex(/^[\x20-\x7e]*$/, "Call id: plain letters, digits and punctuation only"),
    writeStartTime: localDateTime("Call started"),
    endCallTime: localDateTime("Call ended"),
    /**
     * Why a supervisor changes the outcome: required from supervisors and admins (the
     * server checks the role), not asked of agents. Not sent to iSales.
     */
    reason: z.string().trim().max(500, "Reason for the change: at most 500 characters").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.writeStartTime !== "" && v.endCallTime !== "") {
      // Same zone on both sides: comparing the wall-clock text (seconds padded) is exact
      // but for the hour a DST change repeats, which the server checks again as instants.
      const pad = (s: string) => (s.length === 16 ? `${s}:00` : s);
      if (pad(v.endCallTime) < pad(v.writeStartTime)) {
        ctx.addIssue({
          code: "custom",
          path: ["endCallTime"],
          message: "Call ended: must not be before the call started",
        });
      }
    }
    if (v.endCallTime !== "" && v.writeStartTime === "") {
      ctx.addIssue({
        code: "custom",
        path: ["writeStartTime"],
        message: "Call started: stamp or enter when the call started",
      });
    }
  });

export type WriteBackFormValues = z.input<typeof writeBackFormSchema>;
export type WriteBackFormData = z.output<typeof writeBackFormSchema>;

/** Field names of the form that map to interface fields, in the order they are shown. */
export const writeBackFieldNames = [
  "status",
  "failCode",
  "asrResult",
  "deviceType",
  "phoneNumber",
  "callId",
  "writeStartTime",
  "endCallTime",
] as const;
