/**
 * The stack program: validate every section, then let each enabled system register its resources.
 * Config is read inside `runProgram`, not at import, so tests can evaluate it many times.
 */
import * as pulumi from "@pulumi/pulumi";
import { composeOutputs, type StackOutputs } from "./outputs";
import { projectConfig, validateStackConfig } from "./config";
import { systems as allSystems } from "./systems";
import type { SystemModule } from "./system";

export function runProgram(
  raw: Record<string, unknown> = projectConfig(pulumi.runtime.allConfig()),
  systems: readonly SystemModule[] = allSystems,
  /** Output keys outside the contract, for test-only systems. */
  extraOutputKeys: readonly string[] = [],
): StackOutputs {
  // Throws a ConfigError listing every problem; nothing has been registered at this point.
  const { settings, enabled } = validateStackConfig(raw, systems);
  const deployed = enabled.map(({ system, config }) => ({
    section: system.section,
    outputs: system.deploy(config, settings),
  }));
  return composeOutputs(settings.environment, deployed, extraOutputKeys);
}
