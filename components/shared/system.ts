/**
 * The contract between the stack program and one system (OpenStack VIP, DigitalOcean egress, ...).
 * A system is enabled by its own config section; its schema is checked before anything registers.
 * It also owns the zod schemas of the stack outputs it exports, and `deploy` is typed by them.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ConfigIssue } from "./config-errors";
import type { GlobalSettings } from "./settings";

/** One zod schema per stack output key a system exports. */
export type OutputSchemas = Readonly<Record<string, z.ZodType>>;

/** Plain values, with arrays and objects mapped, so nested Outputs (a record of Service refs) fit. */
type OutputParts<T> = T extends readonly (infer E)[]
  ? ReadonlyArray<OutputValue<E>>
  : T extends object
    ? { readonly [K in keyof T]: OutputValue<T[K]> }
    : T;

/** What a system may export for a value of type T: T, an Output/Promise of it, or T with Outputs inside. */
export type OutputValue<T> = pulumi.Input<T> | OutputParts<T>;

/** What `deploy` returns: some of the system's output keys, each matching its schema. */
export type SystemOutputs<O extends OutputSchemas> = {
  readonly [K in keyof O]?: OutputValue<z.output<O[K]>>;
};

export interface SystemModule<S extends z.ZodType = z.ZodType, O extends OutputSchemas = OutputSchemas> {
  /** Config key under the `failover-stacks` namespace, e.g. `openstack`. */
  readonly section: string;
  /** One-line description used in docs and the synth summary. */
  readonly title: string;
  /** zod schema for the section. Messages follow `problem()` from components/shared/config-errors. */
  readonly schema: S;
  /** The stack outputs this system may export, one schema per key (stacks/contract.ts merges them). */
  readonly outputs: O;
  /**
   * Checks that need the global settings too (for example, production needs two gateways).
   * Returns messages keyed by path inside the section; empty when all is well.
   */
  crossCheck?(config: z.output<S>, settings: GlobalSettings): ConfigIssue[];
  /** Registers the resources; only called after every section validated. Returns stack outputs. */
  deploy(config: z.output<S>, settings: GlobalSettings): SystemOutputs<O>;
}

/** The keys of D that O has no schema for, each typed `never` so returning one is a type error. */
type NoExtraKeys<D, O> = { readonly [K in Exclude<keyof D, keyof O>]: never };

/**
 * Declares a system and checks `deploy` against `outputs` at compile time: a key without a schema,
 * or a value whose type does not match its schema, does not compile.
 */
export function defineSystem<S extends z.ZodType, O extends OutputSchemas, D extends SystemOutputs<O>>(
  system: SystemModule<S, O> & {
    deploy(config: z.output<S>, settings: GlobalSettings): D & NoExtraKeys<D, O>;
  },
): SystemModule<S, O> {
  return system;
}
