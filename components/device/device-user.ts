"use client";

import "@/lib/zod-browser";
import { z } from "zod";
import { clearDevice } from "@/lib/device/store";

/**
 * Who is signed in on this browser, and in which language, for the offline page: it is
 * served by the service worker without a server, and shows only that user's device data.
 * Removed on sign-out, with everything the device keeps for them.
 */
const KEY = "preview-desk:device-user";
const markerSchema = z.object({ userId: z.number().int().positive(), locale: z.string() });
export type DeviceUser = z.infer<typeof markerSchema>;

export function rememberDeviceUser(userId: number, locale: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ userId, locale }));
  } catch {
    // Storage off (a private window's quota): the offline page then shows no device data.
  }
}

export function deviceUserOnThisBrowser(): DeviceUser | null {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Caches the service worker fills with the build's own files: nothing personal in them. */
export const STATIC_CACHE_PREFIXES = ["preview-desk-precache", "preview-desk-offline"];

/**
 * Signing out: this user's drafts and waiting outcomes, the marker, and any cache that is
 * not the build's own static files go from this browser.
 */
export async function forgetDeviceUser(userId: number): Promise<void> {
  await clearDevice(userId);
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing was kept
  }
  if ("caches" in window) {
    for (const name of await caches.keys()) {
      if (!STATIC_CACHE_PREFIXES.some((p) => name.startsWith(p))) await caches.delete(name);
    }
  }
}
