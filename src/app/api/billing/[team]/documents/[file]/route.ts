// GET /api/billing/{team}/documents/{number}.pdf – one receipt or statement as its PDF (members; another team's is a 404)
import { withTeamAccess } from "@/server/api/rest";
import { DomainError } from "@/server/errors";
import { getDocumentPdf } from "@/server/services/documents/documents";

export const dynamic = "force-dynamic";

export const GET = withTeamAccess<{ team: string; file: string }>(async (_req, { db, access }, params) => {
  const match = /^([A-Z0-9-]{1,60}|ST-\d{4}-\d{2}-[a-z0-9-]{1,60})\.pdf$/.exec(params.file);
  if (!match) throw new DomainError("NOT_FOUND", "Document not found.");
  const { number, pdf } = await getDocumentPdf(db, access.team.id, match[1]!);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "content-disposition": `attachment; filename="${number}.pdf"`,
      // A document never changes once issued (spec 16), but it is private to the team.
      "cache-control": "private, max-age=31536000, immutable",
    },
  });
});
