import type { Catalogue, StatusRule } from "./catalogue-schema";

/**
 * The outcome rules' defaults and look-up, without the catalogue's zod schemas (which
 * stay on the server): the browser's form checks the same rules (lib/write-back/form-schema.ts).
 */

/**
 * The default pairing, from the campaign interfaces' callStatus: 6 (call succeeded) goes
 * with 00000 only, 5 (call failed) with any other code; both need a code and a device type.
 */
export const defaultStatusRules: Record<string, StatusRule> = {
  "6": { requires: ["failCode", "deviceType"], failCodes: { only: ["00000"] } },
  "5": { requires: ["failCode", "deviceType"], failCodes: { except: ["00000"] } },
};

/** The rule of a status: the catalogue's own, else the default for 5 and 6, else none. */
export function statusRuleFor(catalogue: Pick<Catalogue, "rules">, status: string): StatusRule | undefined {
  const own = catalogue.rules.byStatus;
  if (own) return own[status];
  return Object.hasOwn(defaultStatusRules, status) ? defaultStatusRules[status] : undefined;
}
