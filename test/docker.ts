import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Docker from "dockerode";

const SOCKET = "/var/run/docker.sock";

/**
 * A real Docker engine for the tests: the local one, started here (as DEVELOPERS.md says: no
 * bridge, no iptables) when it is installed but not running. Nothing is pulled: images come from
 * `docker import` of small tarballs.
 */
export async function ensureDocker(): Promise<Docker> {
  const docker = new Docker({ socketPath: SOCKET });
  if (
    await docker.ping().then(
      () => true,
      () => false,
    )
  )
    return docker;
  if (!existsSync("/usr/sbin/dockerd") && !existsSync("/usr/bin/dockerd")) {
    throw new Error("No Docker engine: install docker.io (bash .ci/run does) and start dockerd.");
  }
  const child = spawn("dockerd", ["--bridge=none", "--iptables=false", "--ip-masq=false"], { detached: true, stdio: "ignore" });
  child.unref();
  for (let i = 0; i < 60; i++) {
    if (
      await docker.ping().then(
        () => true,
        () => false,
      )
    )
      return docker;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("dockerd did not start within 30 s");
}

/** A labelled volume holding `bytes` bytes, written straight into its mount point (we run as root). */
export async function createVolumeWithBytes(docker: Docker, name: string, labels: Record<string, string>, bytes: number) {
  const volume = await docker.createVolume({ Name: name, Labels: labels });
  const mountpoint = (volume as unknown as { Mountpoint: string }).Mountpoint ?? (await docker.getVolume(name).inspect()).Mountpoint;
  mkdirSync(mountpoint, { recursive: true });
  writeFileSync(path.join(mountpoint, "data.bin"), Buffer.alloc(bytes, 7));
  return name;
}

/** An image made with `docker import` of a tarball holding `bytes` of data (or `files`), with labels. */
export function importImage(
  tag: string,
  labels: Record<string, string>,
  opts: { bytes?: number; files?: Record<string, string> } = {},
): { tag: string; size: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "servelink-img-"));
  try {
    const root = path.join(dir, "root");
    mkdirSync(root);
    if (opts.bytes) writeFileSync(path.join(root, "blob.bin"), Buffer.alloc(opts.bytes, 3));
    for (const [file, from] of Object.entries(opts.files ?? {})) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      execFileSync("cp", [from, path.join(root, file)]);
    }
    const tar = path.join(dir, "image.tar");
    execFileSync("tar", ["-C", root, "-cf", tar, "."]);
    const changes = Object.entries(labels).flatMap(([k, v]) => ["--change", `LABEL ${k}=${v}`]);
    execFileSync("docker", ["import", ...changes, tar, tag], { stdio: "ignore" });
    const size = Number(execFileSync("docker", ["image", "inspect", "-f", "{{.Size}}", tag]).toString().trim());
    return { tag, size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An image holding Debian's static busybox (package busybox-static), whose command sleeps. */
export function busyboxImage(tag: string, labels: Record<string, string>) {
  if (!existsSync("/bin/busybox")) throw new Error("Install busybox-static (bash .ci/run does).");
  const dir = mkdtempSync(path.join(os.tmpdir(), "servelink-bb-"));
  try {
    mkdirSync(path.join(dir, "bin"));
    execFileSync("cp", ["/bin/busybox", path.join(dir, "bin", "busybox")]);
    const tar = path.join(dir, "..", `${path.basename(dir)}.tar`);
    execFileSync("tar", ["-C", dir, "-cf", tar, "."]);
    const changes = ["--change", 'CMD ["/bin/busybox", "sleep", "3600"]', ...Object.entries(labels).flatMap(([k, v]) => ["--change", `LABEL ${k}=${v}`])];
    execFileSync("docker", ["import", ...changes, tar, tag], { stdio: "ignore" });
    rmSync(tar, { force: true });
    return tag;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A running container of `image`, labelled, with no network at all. */
export async function runContainer(docker: Docker, image: string, labels: Record<string, string>) {
  const c = await docker.createContainer({ Image: image, Labels: labels, HostConfig: { NetworkMode: "none" } });
  await c.start();
  return c;
}

export async function isRunning(docker: Docker, id: string): Promise<boolean> {
  return (await docker.getContainer(id).inspect()).State.Running;
}
