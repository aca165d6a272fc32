/**
 * The stack outputs contract that other teams read through StackReference: its version and one zod
 * schema per output key, from which the TypeScript type is derived (one definition). The program
 * refuses to export a key that is not here (outputs.ts); consumers validate what they read
 * (consumer.ts); a test validates every example stack's outputs; docs/outputs.md describes each key.
 * Objects are not strict: adding a field is compatible, removing or renaming one needs a
 * CONTRACT_VERSION bump.
 */
import { z } from "zod";
import { digitaloceanOutputSchemas } from "../components/digitalocean/outputs";
import { gkeOutputSchemas } from "../components/gcp/outputs";
import { kubernetesServicesOutputSchemas } from "../components/kubernetes/service-patterns-outputs";
import { openshiftOutputSchemas } from "../components/openshift/outputs";
import { openstackOutputSchemas } from "../components/openstack/outputs";
// Type only: consumers load this file without the systems' provider SDKs.
import type { systems } from "./systems";

/** Bump whenever a key is removed, renamed or changes meaning (docs/outputs.md). */
export const CONTRACT_VERSION = 1;

export const baseOutputSchemas = {
  contractVersion: z.number().int().positive(),
  environment: z.string().min(1),
  systems: z.array(z.string()),
};

/** Each system owns its output schemas (components/<area>/outputs.ts); the contract merges them. */
const systemOutputSchemas = {
  ...openstackOutputSchemas,
  ...digitaloceanOutputSchemas,
  ...openshiftOutputSchemas,
  ...gkeOutputSchemas,
  ...kubernetesServicesOutputSchemas,
};

/** Output keys the registered systems declare (`outputs` of each entry in stacks/systems.ts). */
type DeclaredKey = (typeof systems)[number] extends infer M
  ? M extends { readonly outputs: infer O }
    ? keyof O
    : never
  : never;
type ContractKey = keyof typeof systemOutputSchemas;

/** Fails to compile, naming the keys, unless T is [never, never]. */
type NoKeys<T extends [never, never]> = T;

/**
 * Compile-time link between the systems list and the contract: every key a registered system
 * declares is in the contract (first slot), and every contract key belongs to a system (second).
 */
export type SystemsMatchContract = NoKeys<
  [Exclude<DeclaredKey, ContractKey>, Exclude<ContractKey, DeclaredKey>]
>;

/** Every output key any system may export, with its shape. */
export const outputSchemas = { ...baseOutputSchemas, ...systemOutputSchemas };

export type OutputKey = keyof typeof outputSchemas;

/** The typed outputs: base keys always, a system's keys when that system is enabled. */
export type ContractOutputs = {
  [K in keyof typeof baseOutputSchemas]: z.output<(typeof outputSchemas)[K]>;
} & {
  [K in Exclude<OutputKey, keyof typeof baseOutputSchemas>]?: z.output<(typeof outputSchemas)[K]>;
};

export function isOutputKey(key: string): key is OutputKey {
  return Object.prototype.hasOwnProperty.call(outputSchemas, key);
}
