/**
 * Guards for tests that need a real tool or root. Outside CI they skip and say why; in CI
 * (CI=true) a missing tool is a failure, so nothing skips silently there.
 */
import { spawnSync } from "node:child_process";
import type { TestContext } from "node:test";

export const IN_CI = process.env.CI === "true";

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Returns true when the test may go on; otherwise skips (locally) or throws (CI). */
export function need(t: TestContext, requirement: { commands?: string[]; root?: boolean }): boolean {
  const missing = (requirement.commands ?? []).filter((c) => !hasCommand(c));
  const reasons = [
    ...missing.map((c) => `command '${c}' not found (bash scripts/setup.sh installs it)`),
    ...(requirement.root && !isRoot() ? ["needs root for network namespaces"] : []),
  ];
  if (reasons.length === 0) return true;
  if (IN_CI) throw new Error(`CI must not skip: ${reasons.join("; ")}`);
  t.skip(reasons.join("; "));
  return false;
}
