/**
 * The contract between the stack program and one system (OpenStack VIP, DigitalOcean egress, ...).
 * A system is enabled by its own config section; its schema is checked before anything registers.
 */
import type { z } from "zod";
import type { GlobalSettings } from "./settings";

export interface SystemModule<S extends z.ZodType = z.ZodType, O extends object = object> {
  /** Config key under the `failover-stacks` namespace, e.g. `openstack`. */
  readonly section: string;
  /** One-line description used in docs and the synth summary. */
  readonly title: string;
  /** zod schema for the section. Messages follow `problem()` from components/shared/config-errors. */
  readonly schema: S;
  /**
   * Checks that need the global settings too (for example, production needs two gateways).
   * Returns messages keyed by path inside the section; empty when all is well.
   */
  crossCheck?(config: z.output<S>, settings: GlobalSettings): CrossCheckIssue[];
  /** Registers the resources; only called after every section validated. Returns stack outputs. */
  deploy(config: z.output<S>, settings: GlobalSettings): O;
}

export interface CrossCheckIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** Preserves the schema's type parameter when a system is declared. */
export function defineSystem<S extends z.ZodType, O extends object>(
  system: SystemModule<S, O>,
): SystemModule<S, O> {
  return system;
}
