/** What the figures were measured on: recorded with every result file. */
import { spawnSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

const firstLine = (command: string, args: string[]): string | null => {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) return null;
  return (
    `${result.stdout}${result.stderr}`
      .split("\n")
      .find((l) => l.trim().length > 0)
      ?.trim() ?? null
  );
};

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kernel: string | null;
  readonly keepalived: string | null;
  readonly haproxy: string | null;
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: firstLine("uname", ["-r"]),
    keepalived: firstLine("keepalived", ["--version"]),
    haproxy: firstLine("haproxy", ["-v"]),
  };
}
