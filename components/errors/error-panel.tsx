import { XCircle } from "lucide-react";
import type { ReactNode } from "react";

/** The body of an error page: what happened, what to do, the reference and the retry. */
export function ErrorPanel({
  title,
  text,
  reference,
  action,
}: {
  title: string;
  text: string;
  reference?: string;
  action: ReactNode;
}) {
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <div
        role="alert"
        className="space-y-3 rounded-card border border-l-4 border-danger-border bg-surface p-4 text-foreground"
      >
        <h1 className="flex items-center gap-2 text-xl font-semibold text-danger-fg">
          <XCircle aria-hidden className="size-6 shrink-0" />
          {title}
        </h1>
        <p>{text}</p>
        {reference ? <p className="text-sm text-muted">{reference}</p> : null}
        {action}
      </div>
    </main>
  );
}
