// GET /api/billing/{team}/documents – the team's receipts and monthly statements, newest first (members)
import { jsonResponse, withTeamAccess } from "@/server/api/rest";
import { listDocuments } from "@/server/services/documents/documents";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string }>(async (_req, { db, access }) => {
  const documents = await listDocuments(db, access.team.id);
  return jsonResponse({
    documents: documents.map((d) => ({ ...d, pdf_url: `/api/billing/${encodeURIComponent(access.team.slug)}/documents/${encodeURIComponent(d.number)}.pdf` })),
  });
});
