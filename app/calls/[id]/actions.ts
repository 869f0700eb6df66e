"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { checkAuth } from "@/lib/auth/guards";
import { type SubmitResult, submitWriteBack } from "@/lib/write-back/submit";

const callRecordIdSchema = z.number().int().positive();

/**
 * Write back the agent's outcome for one call. A server action is a public endpoint: the
 * id and the values are parsed again here and in submitWriteBack, whatever the form did.
 * It checks the session here and the call's ownership in submitWriteBack, on the server.
 */
export async function sendWriteBack(callRecordId: number, values: unknown): Promise<SubmitResult> {
  const auth = await checkAuth();
  if (!auth.ok) return { ok: false, message: auth.message };
  const id = callRecordIdSchema.safeParse(callRecordId);
  if (!id.success) return { ok: false, message: "This call does not exist. Go back to the list." };
  const result = await submitWriteBack(id.data, values, auth.user);
  if (result.writeBack) {
    revalidatePath(`/calls/${id.data}`);
    revalidatePath("/");
  }
  return result;
}
