"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { type SubmitResult, submitWriteBack } from "@/lib/write-back/submit";

const callRecordIdSchema = z.number().int().positive();

/**
 * Write back the agent's outcome for one call. A server action is a public endpoint: the
 * id and the values are parsed again here and in submitWriteBack, whatever the form did.
 * Sign-in comes in a later issue; until then the user is null (the parameter is kept).
 */
export async function sendWriteBack(callRecordId: number, values: unknown): Promise<SubmitResult> {
  const id = callRecordIdSchema.safeParse(callRecordId);
  if (!id.success) return { ok: false, message: "This call does not exist. Go back to the list." };
  const result = await submitWriteBack(id.data, values, null);
  if (result.writeBack) {
    revalidatePath(`/calls/${id.data}`);
    revalidatePath("/");
  }
  return result;
}
