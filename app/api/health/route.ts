import { healthResponse } from "@/lib/delivery/endpoints";

export const dynamic = "force-dynamic";

/** Alive: the process answers. Nothing else is checked (see /api/ready). */
export function GET(): Response {
  return healthResponse();
}
