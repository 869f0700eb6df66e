/**
 * Whether a name is an IANA time zone this runtime knows (Europe/Berlin, Asia/Shanghai,
 * UTC). No imports: settings, the form's schema, the review's filter and the import
 * command all check zones with it, in the browser too.
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
