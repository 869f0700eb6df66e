import { metricsResponse } from "@/lib/delivery/endpoints";
import { processBreaker } from "@/lib/delivery/process";
import { handleRoute } from "@/lib/http/route";
import { settings } from "@/lib/settings";

export const dynamic = "force-dynamic";

/** Prometheus text format; 404 unless METRICS_ENABLED, bearer METRICS_TOKEN when set. */
function getHandler(request: Request): Promise<Response> {
  const s = settings();
  if (s.METRICS_ENABLED) processBreaker(); // sets where the queue gauges read from
  return metricsResponse(request, { enabled: s.METRICS_ENABLED, token: s.METRICS_TOKEN });
}

export const GET = handleRoute(getHandler);
