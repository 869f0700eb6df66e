const pad = (n: number) => String(n).padStart(2, "0");

/** The browser-local `yyyy-MM-ddTHH:mm:ss` that a datetime-local input with step=1 holds. */
export function toLocalInputValue(instant: Date): string {
  return (
    `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}` +
    `T${pad(instant.getHours())}:${pad(instant.getMinutes())}:${pad(instant.getSeconds())}`
  );
}
