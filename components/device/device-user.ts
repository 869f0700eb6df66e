"use client";

import { clearDevice } from "@/lib/device/store";

/**
 * Who is signed in on this browser, and in which language, for the offline page: it is
 * served by the service worker without a server, and shows only that user's device data.
 * Removed on sign-out, with everything the device keeps for them. The offline page reads it
 * back with ./device-user-marker.ts (which brings zod; this module, in every page's first
 * load, does not).
 */
export const DEVICE_USER_KEY = "preview-desk:device-user";

export function rememberDeviceUser(userId: number, locale: string): void {
  try {
    localStorage.setItem(DEVICE_USER_KEY, JSON.stringify({ userId, locale }));
  } catch {
    // Storage off (a private window's quota): the offline page then shows no device data.
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
    localStorage.removeItem(DEVICE_USER_KEY);
  } catch {
    // nothing was kept
  }
  if ("caches" in window) {
    for (const name of await caches.keys()) {
      if (!STATIC_CACHE_PREFIXES.some((p) => name.startsWith(p))) await caches.delete(name);
    }
  }
}
