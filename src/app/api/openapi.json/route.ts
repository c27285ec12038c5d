// GET /api/openapi.json – the OpenAPI 3.1 document of the REST paths, generated from their zod schemas
import { env } from "@/env.js";
import { buildOpenApiDocument } from "@/server/openapi/document";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(buildOpenApiDocument(env.BASE_URL));
}
