import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The built server's sendWriteBack action as the browser calls it: its id from the build's
 * manifest and its answer from the RSC stream. For the benches that drive a built server
 * (soak.ts, server-memory.ts).
 */

/** The server action's id from the build's manifest: what the browser's form posts. */
export function sendWriteBackActionId(): string {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error("No production build here: run `npm run build` first.");
  const manifest = z
    .object({ node: z.record(z.string(), z.object({ exportedName: z.string().optional() }).loose()) })
    .parse(JSON.parse(readFileSync(file, "utf8")));
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === "sendWriteBack");
  if (!found) throw new Error("sendWriteBack is not in the build's server actions: rebuild.");
  return found[0];
}

/** The action's answer in the RSC stream: row 1 carries the returned value. */
const actionAnswer = z.union([
  z.object({
    ok: z.literal(true),
    version: z.number(),
    status: z.object({ id: z.number(), state: z.string() }),
  }),
  z.object({ ok: z.literal(false), message: z.string() }).loose(),
]);

export type ActionAnswer = z.infer<typeof actionAnswer>;

export function parseActionResponse(text: string): ActionAnswer | null {
  const line = text.split("\n").find((l) => l.startsWith("1:"));
  if (!line) return null;
  const parsed = actionAnswer.safeParse(JSON.parse(line.slice(2)));
  return parsed.success ? parsed.data : null;
}

/**
 * The form's values for a "busy" outcome (status 5, cause 00146) dialled on `phone`, as the
 * call page's form sends them: the soak's and the memory bench's submissions.
 */
export function busyOutcome(phone: string, callId: string, baseVersion: number): Record<string, string> {
  return {
    submissionId: randomUUID(),
    baseVersion: String(baseVersion),
    timeZone: "Asia/Shanghai",
    status: "5",
    failCode: "00146",
    asrResult: "",
    deviceType: "2",
    phoneNumber: phone,
    callId,
    writeStartTime: "",
    endCallTime: "",
    reason: "",
  };
}

/** POST one submission to the call page's action, as the browser's form does. */
export async function postWriteBack(
  base: string,
  actionId: string,
  cookie: string,
  callId: number,
  values: Record<string, string>,
): Promise<ActionAnswer | null> {
  const res = await fetch(`${base}/calls/${callId}`, {
    method: "POST",
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Cookie: cookie,
    },
    body: JSON.stringify([callId, values]),
  });
  return res.ok ? parseActionResponse(await res.text()) : null;
}
