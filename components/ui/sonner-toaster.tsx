"use client";

import { Toaster as Sonner } from "sonner";

/**
 * The page's toasts (sonner): announced in a polite live region, each with its tone's
 * colour and icon, in the theme's colours. Call `toast.success(...)` / `toast.error(...)`
 * from "sonner" anywhere in the browser.
 */
export function Toaster({ label }: { label: string }) {
  return (
    <Sonner
      containerAriaLabel={label}
      position="bottom-right"
      closeButton
      theme="system"
      toastOptions={{
        classNames: {
          toast: "!rounded-card !border !bg-surface !text-foreground !border-border",
          success: "!border-success-border !bg-success-bg !text-success-fg",
          error: "!border-danger-border !bg-danger-bg !text-danger-fg",
          warning: "!border-warning-border !bg-warning-bg !text-warning-fg",
          info: "!border-info-border !bg-info-bg !text-info-fg",
          description: "!text-current",
          closeButton: "!bg-surface !text-foreground !border-border",
        },
      }}
    />
  );
}
