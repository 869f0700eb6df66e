import { handleCallsGet, handleCallsPost } from "@/lib/api-keys/calls-api";
import { catalogue } from "@/lib/catalogue";
import { getDb } from "@/lib/db";
import { handleRoute } from "@/lib/http/route";
import { settings } from "@/lib/settings";

export const dynamic = "force-dynamic";

const options = () => {
  const s = settings();
  return {
    timeZone: s.ISALES_TIME_ZONE,
    defaultRateLimitPerMin: s.API_RATE_LIMIT_PER_MIN,
    earliestYear: catalogue().rules.times.earliestYear,
  };
};

/** Add or update calls (one or a list); authenticated by an API key (lib/api-keys). */
async function postHandler(request: Request) {
  return handleCallsPost(request, await getDb(), options());
}

/** The key's calls, filtered and paged. */
async function getHandler(request: Request) {
  return handleCallsGet(request, await getDb(), options());
}

export const POST = handleRoute(postHandler);
export const GET = handleRoute(getHandler);
