/** `2025-11-20 09:15:00 UTC`: an instant as the server can honestly write it, its zone said. */
export function utcText(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** An instant in UTC, or `never` (the caller's words) when there is none. */
export function UtcTime({ date, never }: { date: Date | null; never: string }) {
  if (date === null) return <>{never}</>;
  return <time dateTime={date.toISOString()}>{utcText(date)}</time>;
}
