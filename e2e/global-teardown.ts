import { rm } from "node:fs/promises";

/** Remove the temporary databases the config made (see playwright.config.ts). */
export default async function globalTeardown() {
  const root = process.env.E2E_DATA_ROOT;
  if (root?.includes("preview-desk-e2e-")) await rm(root, { recursive: true, force: true });
}
