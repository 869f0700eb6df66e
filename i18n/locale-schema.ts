import { z } from "zod/mini";
import { locales } from "./config";

/** A language from outside (a cookie, a form, a stored marker) checked against ./config.ts. */
export const localeSchema = z.enum(locales);
