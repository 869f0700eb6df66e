import { MAX_PAGE, MAX_RECORDS_PER_REQUEST } from "./calls-api";

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument() {
  const error = {
    type: "object",
    required: ["error"],
    properties: {
      error: { type: "string", description: "What happened and what to do." },
      errors: { type: "array", items: { $ref: "#/components/schemas/RecordError" } },
    },
  };
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "Preview Desk API",
      version: "1.0.0",
      description:
        "Add previewed calls from other systems and read them back. Every request carries an API key " +
        "(Authorization: Bearer pdk_…) made by an administrator; a key may touch only its tasks (serviceIds) " +
        "and makes a limited number of requests a minute.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/calls": {
        post: {
          summary: "Add or update calls",
          description:
            `One call or a list of at most ${MAX_RECORDS_PER_REQUEST}. All are stored or none. A call is ` +
            "known by (vdnId, serviceId, uniqueId): sending it again updates its data and is harmless; " +
            "its outcome is never changed.",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/NewCall" },
                    {
                      type: "array",
                      items: { $ref: "#/components/schemas/NewCall" },
                      maxItems: MAX_RECORDS_PER_REQUEST,
                    },
                  ],
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Stored.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      received: { type: "integer" },
                      inserted: { type: "integer" },
                      updated: { type: "integer" },
                    },
                  },
                },
              },
            },
            "400": errorResponse("The body is not JSON."),
            "401": errorResponse("No key, an unknown key or a revoked key."),
            "403": errorResponse("The key may not touch a task of these calls (errors name them)."),
            "413": errorResponse(`More than ${MAX_RECORDS_PER_REQUEST} calls.`),
            "422": errorResponse("Some calls are not right (errors: index, field, message)."),
            "429": errorResponse("Too many requests; see Retry-After."),
          },
        },
        get: {
          summary: "List calls",
          description: "The key's calls in id order. Page with `after` = the `nextAfter` of the page before.",
          parameters: [
            { name: "serviceId", in: "query", schema: { type: "string" } },
            {
              name: "state",
              in: "query",
              schema: { type: "string", enum: ["none", "pending", "accepted", "refused", "failed"] },
            },
            { name: "uniqueId", in: "query", schema: { type: "string" } },
            { name: "after", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
            {
              name: "limit",
              in: "query",
              schema: { type: "integer", minimum: 1, maximum: MAX_PAGE, default: 100 },
            },
          ],
          responses: {
            "200": {
              description: "A page of calls.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      data: { type: "array", items: { $ref: "#/components/schemas/Call" } },
                      nextAfter: { type: ["integer", "null"] },
                    },
                  },
                },
              },
            },
            "401": errorResponse("No key, an unknown key or a revoked key."),
            "403": errorResponse("The key may not read this task."),
            "422": errorResponse("The query is not right."),
            "429": errorResponse("Too many requests; see Retry-After."),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "pdk_… from an administrator" },
      },
      schemas: {
        Error: error,
        RecordError: {
          type: "object",
          required: ["field", "message"],
          properties: {
            index: {
              type: "integer",
              description: "Position of the call in the list (0 for a single call).",
            },
            field: { type: "string" },
            message: { type: "string" },
          },
        },
        NewCall: {
          type: "object",
          required: ["subCCNo", "vdnId", "serviceId", "uniqueId", "phoneNumber", "callData"],
          properties: {
            subCCNo: { type: "integer", minimum: 0 },
            vdnId: { type: "integer", minimum: 1, maximum: 9999 },
            serviceId: {
              type: "string",
              maxLength: 128,
              description: "The task; `seviceId` is accepted too.",
            },
            uniqueId: { type: "string", maxLength: 128 },
            phoneNumber: {
              oneOf: [
                { type: "array", items: { type: "string", pattern: "^[0-9*#]{1,24}$" }, minItems: 1 },
                { type: "string", description: "Numbers separated by ;" },
              ],
            },
            callData: { type: "string", maxLength: 65536 },
            callerNumber: { type: "string", maxLength: 32 },
            fetchTime: {
              type: "string",
              description:
                "2024-05-01T14:30:00+08:00, or 2024-05-01 14:30:00 in the server's iSales time zone.",
            },
            agent: { type: "string", description: "Username of the agent the call is given to." },
          },
        },
        Call: {
          type: "object",
          properties: {
            id: { type: "integer" },
            subCCNo: { type: "integer" },
            vdnId: { type: "integer" },
            serviceId: { type: "string" },
            uniqueId: { type: "string" },
            phoneNumber: { type: "array", items: { type: "string" } },
            callData: { type: "string" },
            callerNumber: { type: "string" },
            fetchTime: { type: "string", format: "date-time" },
            writeBackState: { type: "string" },
            status: { type: ["string", "null"] },
            failCode: { type: ["string", "null"] },
            assigned: { type: "boolean" },
            updatedAt: { type: "string", format: "date-time" },
          },
        },
      },
    },
  } as const;
}
