import { z } from "zod";
import { listDocuments } from "@/server/services/documents/documents";
import { createTRPCRouter, teamProcedure } from "@/server/api/trpc";

/** Receipts and monthly statements (spec 16): members read them; the PDFs are at /api/billing/{team}/documents/{number}.pdf. */
export const documentsRouter = createTRPCRouter({
  /** The team's documents, newest first, each with the address of its PDF. */
  list: teamProcedure()
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(async ({ ctx, input }) =>
      (await listDocuments(ctx.db, ctx.access.team.id, input.limit)).map((d) => ({
        ...d,
        pdf_url: `/api/billing/${encodeURIComponent(ctx.access.team.slug)}/documents/${encodeURIComponent(d.number)}.pdf`,
      })),
    ),
});
