/** Ports of the servers playwright.config.ts starts; shared by the config and the tests. */
/**
 * E2E_PORT_OFFSET moves every port by that much, so that two checkouts on one machine can
 * run their browser tests at once.
 */
const offset = Number.parseInt(process.env.E2E_PORT_OFFSET ?? "0", 10) || 0;
export const SIM_PORT = 4110 + offset;
export const APP_PORT = 3110 + offset;
/** An app instance whose iSales address is a closed port: iSales is down for it. */
export const DOWN_APP_PORT = 3111 + offset;
export const CLOSED_PORT = 4119 + offset;

export const simUrl = `http://127.0.0.1:${SIM_PORT}`;
export const appUrl = `http://127.0.0.1:${APP_PORT}`;
/**
 * Another loopback address, not just another port: cookies are kept per host, not per
 * port, so two apps on one host would overwrite each other's session cookie.
 */
export const DOWN_APP_HOST = "127.0.0.2";
export const downAppUrl = `http://${DOWN_APP_HOST}:${DOWN_APP_PORT}`;

/** Where a user's signed-in browser state is kept during a run (see auth.setup.ts). */
export function storageStatePath(username: string): string {
  const root = process.env.E2E_DATA_ROOT;
  if (!root) throw new Error("E2E_DATA_ROOT is not set: run the browser tests with playwright test");
  return `${root}/${username}.storage.json`;
}

/** Ports for the servers a test starts itself (e2e/own-server.ts, the soak script): OWN_PORT_BASE + 0 … 10. */
export const OWN_PORT_BASE = 3120 + offset;
