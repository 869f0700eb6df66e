import { cn } from "./cn";

/** A grey block where content will be; hidden from screen readers (the page says it is loading). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-control bg-accent", className)} />;
}

/**
 * The loading look of a page (a route's loading.tsx): a heading, a row of controls and a
 * table. Marked `data-route-fallback`: without JavaScript the streamed page cannot replace
 * it, so the root layout's <noscript> style hides it and shows the page instead.
 */
export function PageSkeleton({ label, rows = 8 }: { label: string; rows?: number }) {
  return (
    <main className="mx-auto max-w-7xl space-y-4 p-6" aria-busy="true" data-route-fallback="">
      <p role="status" className="sr-only">
        {label}
      </p>
      <Skeleton className="h-8 w-64" />
      <div className="flex flex-wrap gap-3">
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-40" />
      </div>
      <div className="space-y-2 rounded-card border border-border bg-surface p-3">
        {Array.from({ length: rows }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </div>
    </main>
  );
}
