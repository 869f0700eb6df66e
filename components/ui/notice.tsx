import { AlertTriangle, CheckCircle2, Info, type LucideIcon, XCircle } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type NoticeTone = "success" | "info" | "warning" | "error";

const tones: Record<NoticeTone, { className: string; Icon: LucideIcon }> = {
  success: { className: "border-success-border bg-success-bg text-success-fg", Icon: CheckCircle2 },
  info: { className: "border-info-border bg-info-bg text-info-fg", Icon: Info },
  warning: { className: "border-warning-border bg-warning-bg text-warning-fg", Icon: AlertTriangle },
  error: { className: "border-danger-border bg-danger-bg text-danger-fg", Icon: XCircle },
};

/**
 * A message about what just happened or what is wrong. Each tone has its own colour AND
 * icon (colour is never the only sign); an error is announced at once (role="alert"), the
 * others politely (role="status"). An error is never green.
 */
export function Notice({
  tone,
  title,
  children,
  className,
  id,
  live = true,
}: {
  tone: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
  id?: string;
  /** false for a notice that is part of the page rather than news (no live region). */
  live?: boolean;
}) {
  const { className: toneClass, Icon } = tones[tone];
  const role = live ? (tone === "error" ? "alert" : "status") : undefined;
  return (
    <div
      id={id}
      role={role}
      data-tone={tone}
      className={cn("flex gap-3 rounded-card border-l-4 border px-4 py-3", toneClass, className)}
    >
      <Icon aria-hidden className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="text-sm [&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}
