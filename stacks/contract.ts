/**
 * The stack outputs contract that other teams read through StackReference: its version and one zod
 * schema per output key, from which the TypeScript type is derived (one definition). The program
 * refuses to export a key that is not here (outputs.ts); consumers validate what they read
 * (consumer.ts); a test validates every example stack's outputs; docs/outputs.md describes each key.
 * Objects are not strict: adding a field is compatible, removing or renaming one needs a
 * CONTRACT_VERSION bump.
 *
 * packages/contract (@failover-stacks/contract) compiles this file and consumer.ts for other teams,
 * so it imports only zod and the systems' outputs.ts: the check that ties it to stacks/systems.ts
 * (and so to every provider SDK) is contract-systems.ts, which the package does not compile.
 */
import { z } from "zod";
import { digitaloceanOutputSchemas } from "../components/digitalocean/outputs";
import { gkeOutputSchemas } from "../components/gcp/outputs";
import { kubernetesServicesOutputSchemas } from "../components/kubernetes/service-patterns-outputs";
import { openshiftOutputSchemas } from "../components/openshift/outputs";
import { openstackOutputSchemas } from "../components/openstack/outputs";

/**
 * Bump whenever a key is removed, renamed or changes meaning (docs/outputs.md). It is the semver major
 * of packages/contract (@failover-stacks/contract); test/packages/contract-consumer.test.ts checks that.
 */
export const CONTRACT_VERSION = 1;

export const baseOutputSchemas = {
  contractVersion: z.number().int().positive(),
  environment: z.string().min(1),
  systems: z.array(z.string()),
};

/** Each system owns its output schemas (components/<area>/outputs.ts); the contract merges them. */
export const systemOutputSchemas = {
  ...openstackOutputSchemas,
  ...digitaloceanOutputSchemas,
  ...openshiftOutputSchemas,
  ...gkeOutputSchemas,
  ...kubernetesServicesOutputSchemas,
};

/** Every output key any system may export, with its shape. */
export const outputSchemas = { ...baseOutputSchemas, ...systemOutputSchemas };

export type OutputKey = keyof typeof outputSchemas;

/** The typed outputs: base keys always, a system's keys when that system is enabled. */
export type ContractOutputs = {
  [K in keyof typeof baseOutputSchemas]: z.output<(typeof outputSchemas)[K]>;
} & {
  [K in Exclude<OutputKey, keyof typeof baseOutputSchemas>]?: z.output<(typeof outputSchemas)[K]>;
};

/** One key's value as a consumer reads it (present: `require` fails when the key is missing). */
export type OutputValue<K extends OutputKey> = NonNullable<ContractOutputs[K]>;

export function isOutputKey(key: string): key is OutputKey {
  return Object.prototype.hasOwnProperty.call(outputSchemas, key);
}
