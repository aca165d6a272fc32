/**
 * The stack program: validate every section, then let each enabled system register its resources.
 * Config is read inside `runProgram`, not at import, so tests can evaluate it many times.
 */
import * as pulumi from "@pulumi/pulumi";
import { composeOutputs, type StackOutputs } from "./outputs";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { projectConfig, validateStackConfig } from "./config";
import { systems as allSystems } from "./systems";
import type { SystemModule } from "../components/shared/system";

/**
 * The config keys Pulumi marks secret. @pulumi/pulumi 3.270.0 keeps them in PULUMI_CONFIG_SECRET_KEYS
 * (set by the language host, or by setAllConfig under mocks) and answers `isConfigSecret(key)` from
 * runtime/config.js; that function is @internal (not in the .d.ts), hence the narrow cast.
 */
function secretConfigKeys(): Set<string> {
  const { isConfigSecret } = runtimeConfig as unknown as { isConfigSecret: (key: string) => boolean };
  return new Set(Object.keys(pulumi.runtime.allConfig()).filter((key) => isConfigSecret(key)));
}

export function runProgram(
  raw: Record<string, unknown> = projectConfig(pulumi.runtime.allConfig()),
  systems: readonly SystemModule[] = allSystems,
  /** Output keys outside the contract, for test-only systems. */
  extraOutputKeys: readonly string[] = [],
): StackOutputs {
  // Throws a ConfigError listing every problem; nothing has been registered at this point.
  const { settings, enabled } = validateStackConfig(
    raw,
    systems,
    secretConfigKeys(),
    pulumi.runtime.allConfig(),
  );
  const deployed = enabled.map(({ system, config }) => ({
    section: system.section,
    outputs: system.deploy(config, settings),
  }));
  return composeOutputs(settings.environment, deployed, extraOutputKeys);
}
