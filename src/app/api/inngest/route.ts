// GET|POST|PUT /api/inngest – the scheduled jobs, served to Inngest (Cloud, or a self-hosted server)
import { serve } from "inngest/next";
import { inngest } from "@/server/inngest-client";
import { createFunctions } from "../../../../inngest";
import { appJobDeps } from "@/server/app-deps";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT } = serve({ client: inngest, functions: createFunctions(appJobDeps) });
