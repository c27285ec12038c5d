import Docker from "dockerode";
import { DomainError } from "@/server/errors";

export const PROJECT_LABEL = "servelink.project";

/** A dockerode client for `DOCKER_HOST` (unix socket path, unix:// or tcp://), or the default socket. */
export function createDockerClient(dockerHost?: string): Docker {
  if (!dockerHost) return new Docker({ socketPath: "/var/run/docker.sock" });
  if (dockerHost.startsWith("unix://")) return new Docker({ socketPath: dockerHost.slice("unix://".length) });
  if (dockerHost.startsWith("/")) return new Docker({ socketPath: dockerHost });
  const url = new URL(dockerHost.replace(/^tcp:/, "http:"));
  return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: url.protocol === "https:" ? "https" : "http" });
}

interface TDfVolume {
  Name: string;
  Labels: Record<string, string> | null;
  UsageData?: { Size: number; RefCount: number } | null;
}
interface TDfImage {
  Id: string;
  Labels: Record<string, string> | null;
  Size: number;
}

/**
 * The bytes of every project's labelled volumes and images, from a single `system df` call.
 * An engine that cannot be reached is a BAD_GATEWAY DomainError that says so.
 */
export async function measureProjectStorage(docker: Docker): Promise<Map<string, bigint>> {
  let df: { Volumes?: TDfVolume[] | null; Images?: TDfImage[] | null };
  try {
    df = (await docker.df()) as typeof df;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DomainError("BAD_GATEWAY", `The Docker engine could not be reached (${reason}); storage figures were left unchanged.`, {
      reason: "docker_unreachable",
      cause: err,
    });
  }
  const sizes = new Map<string, bigint>();
  const add = (labels: Record<string, string> | null | undefined, bytes: number | undefined) => {
    const projectId = labels?.[PROJECT_LABEL];
    if (!projectId || bytes === undefined || bytes < 0) return;
    sizes.set(projectId, (sizes.get(projectId) ?? 0n) + BigInt(Math.round(bytes)));
  };
  for (const v of df.Volumes ?? []) add(v.Labels, v.UsageData?.Size);
  for (const i of df.Images ?? []) add(i.Labels, i.Size);
  return sizes;
}
