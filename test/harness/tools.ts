/**
 * Guards for tests that need a real tool, root or some property of the machine. Outside CI they
 * skip and say why; in CI (any non-empty CI variable: GitHub sets "true", others "1" or "yes") a
 * missing requirement is a failure, so nothing skips silently there.
 */
import { spawnSync } from "node:child_process";
import type { TestContext } from "node:test";

/** CI is on when the variable is set to anything but the empty string. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.CI ?? "") !== "";
}

export const IN_CI = inCi();

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

export interface Requirement {
  readonly commands?: readonly string[];
  readonly root?: boolean;
  /** Other preconditions (an interface, a kernel feature): `met` false skips or fails with `reason`. */
  readonly conditions?: ReadonlyArray<{ readonly met: boolean; readonly reason: string }>;
}

/** Returns true when the test may go on; otherwise skips (locally) or throws (CI). */
export function need(t: TestContext, requirement: Requirement): boolean {
  const missing = (requirement.commands ?? []).filter((c) => !hasCommand(c));
  const reasons = [
    ...missing.map((c) => `command '${c}' not found (bash scripts/setup.sh installs it)`),
    ...(requirement.root && !isRoot() ? ["needs root for network namespaces"] : []),
    ...(requirement.conditions ?? []).filter((c) => !c.met).map((c) => c.reason),
  ];
  if (reasons.length === 0) return true;
  if (IN_CI) throw new Error(`CI must not skip: ${reasons.join("; ")}`);
  t.skip(reasons.join("; "));
  return false;
}
