/** Ports of the servers playwright.config.ts starts; shared by the config and the tests. */
export const SIM_PORT = 4110;
export const APP_PORT = 3110;
/** An app instance whose iSales address is a closed port: iSales is down for it. */
export const DOWN_APP_PORT = 3111;
export const CLOSED_PORT = 4119;

export const simUrl = `http://127.0.0.1:${SIM_PORT}`;
export const appUrl = `http://127.0.0.1:${APP_PORT}`;
export const downAppUrl = `http://127.0.0.1:${DOWN_APP_PORT}`;
