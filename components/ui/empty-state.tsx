import { Inbox, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What an empty list means, and what to do next when there is something to do. */
export function EmptyState({
  title,
  children,
  action,
  Icon = Inbox,
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  Icon?: LucideIcon;
}) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-card border border-dashed border-border-strong bg-surface px-6 py-10 text-center">
      <Icon aria-hidden className="size-8 text-muted" />
      <p className="font-semibold">{title}</p>
      {children ? <div className="max-w-prose text-sm text-muted">{children}</div> : null}
      {action}
    </div>
  );
}
