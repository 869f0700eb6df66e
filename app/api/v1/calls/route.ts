import { handleCallsGet, handleCallsPost } from "@/lib/api-keys/calls-api";
import { getDb } from "@/lib/db";
import { settings } from "@/lib/settings";

export const dynamic = "force-dynamic";

const options = () => {
  const s = settings();
  return { timeZone: s.ISALES_TIME_ZONE, defaultRateLimitPerMin: s.API_RATE_LIMIT_PER_MIN };
};

/** Add or update calls (one or a list); authenticated by an API key (lib/api-keys). */
export async function POST(request: Request) {
  return handleCallsPost(request, await getDb(), options());
}

/** The key's calls, filtered and paged. */
export async function GET(request: Request) {
  return handleCallsGet(request, await getDb(), options());
}
