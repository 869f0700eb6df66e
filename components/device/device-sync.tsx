"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { withToast } from "@/components/ui/toaster";
import { startDeviceSync, useDeviceState } from "./device-state";
import { rememberDeviceUser } from "./device-user";

/**
 * Mounted once in the layout for a signed-in user: follows whether Preview Desk answers,
 * sends what waits on this device when it does, shows the banner while it does not, and
 * registers the service worker after the page has loaded (so it never counts against the
 * page's own weight), offering a reload when a new version is ready.
 */
export function DeviceSync({ userId, locale }: { userId: number; locale: string }) {
  const t = useTranslations("device");
  const { reachable } = useDeviceState();

  useEffect(() => {
    rememberDeviceUser(userId, locale);
    return startDeviceSync(userId);
  }, [userId, locale]);

  const ready = t("update.ready");
  const reload = t("update.reload");
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let cancelled = false;
    const register = async () => {
      const { Serwist } = await import("@serwist/window");
      if (cancelled) return;
      const sw = new Serwist("/sw.js", { scope: "/" });
      // A new version installed while this page runs an older one: it waits until the
      // agent chooses to reload (nothing typed is lost: drafts are kept on the device).
      sw.addEventListener("waiting", () => {
        withToast((toast) =>
          toast(ready, {
            duration: Number.POSITIVE_INFINITY,
            action: {
              label: reload,
              onClick: () => {
                sw.addEventListener("controlling", () => window.location.reload());
                sw.messageSkipWaiting();
              },
            },
          }),
        );
      });
      await sw.register({ immediate: true });
    };
    const afterLoad = () => void register().catch(() => undefined);
    if (document.readyState === "complete") afterLoad();
    else window.addEventListener("load", afterLoad, { once: true });
    return () => {
      cancelled = true;
      window.removeEventListener("load", afterLoad);
    };
  }, [ready, reload]);

  // The live region is always there, so that its text is announced when it appears.
  return (
    <div role="status">
      {reachable ? null : (
        <div
          data-testid="offline-banner"
          className="border-b-2 border-info-border bg-info-bg px-6 py-3 text-info-fg"
        >
          <p className="mx-auto max-w-6xl font-semibold">{t("offlineBanner")}</p>
        </div>
      )}
    </div>
  );
}
