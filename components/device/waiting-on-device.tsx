"use client";

import { useTranslations } from "next-intl";
import { useDeviceState } from "./device-state";

/** In the header: how many outcomes wait on this device to be sent (nothing when none). */
export function WaitingOnDevice() {
  const t = useTranslations("device");
  const { waiting } = useDeviceState();
  return (
    <p aria-live="polite" className="text-sm" data-testid="waiting-on-device">
      {waiting > 0 ? (
        <span className="rounded-full border border-info-border bg-info-bg px-2 py-0.5 font-medium text-info-fg">
          {t("waiting", { count: waiting })}
        </span>
      ) : null}
    </p>
  );
}
