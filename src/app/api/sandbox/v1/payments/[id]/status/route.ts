// GET /api/sandbox/v1/payments/{external_payment_id}/status – sandbox payment backend
import { sandboxRoute } from "@/server/api/sandbox-http";
import { sandboxStatus } from "@/server/services/payments/sandbox-backend";

export const dynamic = "force-dynamic";

export const GET = sandboxRoute<{ id: string }>((_req, db, params) => sandboxStatus(db, params.id));
