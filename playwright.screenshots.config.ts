import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run screenshots` (after `npm run build`): the call page in light and dark, on a
 * desktop (1440×900) and a phone (390×844), written to docs/screenshots/ for the README.
 * The same servers, seed and sign-in as the browser tests; only the test folder differs,
 * so `npm test` never rewrites the pictures.
 */
export default defineConfig({
  ...base,
  testDir: ".",
  projects: (base.projects ?? []).map((project) =>
    project.name === "sign-in"
      ? { ...project, testMatch: /e2e\/auth\.setup\.ts/ }
      : { ...project, testMatch: /scripts\/screenshots\/.*\.spec\.ts/ },
  ),
});
