// GET /api/health/live – liveness (the Stripe notes' path): the process answers, nothing else is asked
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "live" });
}
