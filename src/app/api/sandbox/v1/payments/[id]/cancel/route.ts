// POST /api/sandbox/v1/payments/{external_payment_id}/cancel – sandbox payment backend
import { sandboxRoute } from "@/server/api/sandbox-http";
import { sandboxCancel } from "@/server/services/payments/sandbox-backend";

export const dynamic = "force-dynamic";

export const POST = sandboxRoute<{ id: string }>((_req, db, params) => sandboxCancel(db, params.id));
