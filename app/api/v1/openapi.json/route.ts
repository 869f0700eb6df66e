import { openApiDocument } from "@/lib/api-keys/openapi";

/** The OpenAPI 3.1 description of /api/v1: public, it holds no data. */
export function GET() {
  return Response.json(openApiDocument());
}
