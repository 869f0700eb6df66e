import "@/lib/zod-browser";
import { z } from "zod";

/** The operator-editable catalogues (CATALOGUE_FILE). Shared with the browser as data. */
export const catalogueSchema = z
  .object({
    statuses: z
      .array(z.object({ code: z.string().min(1).max(32), label: z.string().min(1) }))
      .min(1, "statuses: list at least one status"),
    failCodes: z.array(
      z.object({
        code: z
          .string()
          .min(1)
          .max(16)
          .regex(/^[0-9A-Za-z_-]+$/, "failCodes: a code is letters and digits"),
        meaning: z.string().min(1),
      }),
    ),
    deviceTypes: z
      .array(z.object({ code: z.number().int().min(0).max(999), label: z.string().min(1) }))
      .min(1, "deviceTypes: list at least one device type"),
    defaultDeviceType: z.number().int().nullable().default(5),
    asrSuggestions: z.array(z.string().min(1).max(256)).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.defaultDeviceType !== null && !c.deviceTypes.some((d) => d.code === c.defaultDeviceType)) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultDeviceType"],
        message: "defaultDeviceType must be one of deviceTypes' codes",
      });
    }
  });

export type Catalogue = z.infer<typeof catalogueSchema>;
