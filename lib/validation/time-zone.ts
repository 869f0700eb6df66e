/**
 * Whether a name is an IANA time zone this runtime knows (Europe/Berlin, Asia/Shanghai,
 * UTC). No imports: settings, the form's schema, the review's filter and the import
 * command all check zones with it, in the browser too. Asking the runtime builds a
 * formatter (about 0.3 ms), and every write-back asks for the same few zones, so the
 * answers are remembered (at most a few hundred names: zones are a closed list, and an
 * unknown name past that is only asked again).
 */
const answers = new Map<string, boolean>();

export function isTimeZone(zone: string): boolean {
  const known = answers.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (answers.size < 1000) answers.set(zone, valid);
  return valid;
}
