import type { ComponentProps } from "react";
import { Input } from "./input";

/** Every IANA zone this runtime knows, UTC first (some runtimes leave it out of the list). */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

/**
 * A searchable list of IANA time zones: a native input with a datalist, so typing
 * "shang" offers Asia/Shanghai, and the form posts the zone without JavaScript. The server
 * still checks the value (it may be typed freely).
 */
export function TimeZoneInput({
  id,
  ...props
}: Omit<ComponentProps<"input">, "list" | "type"> & { id: string }) {
  const listId = `${id}-zones`;
  return (
    <>
      <Input id={id} list={listId} autoComplete="off" spellCheck={false} {...props} />
      <datalist id={listId}>
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
