import { openApiDocument } from "@/lib/api-keys/openapi";
import { handleRoute } from "@/lib/http/route";

/** The OpenAPI 3.1 description of /api/v1: public, it holds no data. */
function getHandler() {
  return Response.json(openApiDocument());
}

export const GET = handleRoute(getHandler);
