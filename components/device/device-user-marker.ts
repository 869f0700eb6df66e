"use client";

import "@/lib/zod-browser";
import { z } from "zod";
import { DEVICE_USER_KEY } from "./device-user";

/** The marker ./device-user.ts keeps, read back and checked, for the offline page. */
const markerSchema = z.object({ userId: z.number().int().positive(), locale: z.string() });
export type DeviceUser = z.infer<typeof markerSchema>;

export function deviceUserOnThisBrowser(): DeviceUser | null {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(localStorage.getItem(DEVICE_USER_KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
