/** Small process helpers for the DigitalOcean egress tests (real iproute2/nftables, root only). */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const NETNS_DIR = __dirname;
export const TOPOLOGY_SCRIPT = join(NETNS_DIR, "topology.sh");
export const PROBE_SCRIPT = join(NETNS_DIR, "probe.sh");

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with a time bound; never throws, the caller decides what a failure means. */
export function run(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): RunResult {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 20_000,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? String(result.error ?? ""),
  };
}

/** Runs a command and throws with its output when it fails. */
export function mustRun(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): string {
  const result = run(command, args, options);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** `ip netns exec NS COMMAND...` with an optional environment added on top of ours. */
export function inNamespace(
  namespace: string,
  command: readonly string[],
  env: Record<string, string> = {},
): RunResult {
  return run("ip", [
    "netns",
    "exec",
    namespace,
    "env",
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    ...command,
  ]);
}

export function mustInNamespace(
  namespace: string,
  command: readonly string[],
  env: Record<string, string> = {},
): string {
  const result = inNamespace(namespace, command, env);
  if (result.status !== 0) {
    throw new Error(
      `in ${namespace}: ${command.join(" ")} exited ${result.status}: ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** One HTTP request from a namespace; returns the trimmed body (the source address the server saw) or "FAIL". */
export function whoAmI(namespace: string, url: string, timeoutSeconds = 2): string {
  const result = inNamespace(namespace, ["curl", "-fsS", "--max-time", String(timeoutSeconds), url]);
  return result.status === 0 ? result.stdout.trim() : "FAIL";
}

/** Creates a veth pair with one end in each namespace. */
export function addVeth(name: string, namespace: string, peerName: string, peerNamespace: string): void {
  mustRun("ip", [
    "link",
    "add",
    name,
    "netns",
    namespace,
    "type",
    "veth",
    "peer",
    "name",
    peerName,
    "netns",
    peerNamespace,
  ]);
}

/**
 * A command run the way the health unit runs its server: not root (nobody), no capabilities in any
 * set, no new privileges. Stands in for systemd's DynamicUser= with an empty CapabilityBoundingSet=
 * (there is no systemd here to start the unit itself).
 */
export function unprivileged(command: readonly string[]): string[] {
  return [
    "setpriv",
    "--reuid=65534",
    "--regid=65534",
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    ...command,
  ];
}
