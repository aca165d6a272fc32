/**
 * Compile-time link between the systems list (stacks/systems.ts) and the outputs contract
 * (stacks/contract.ts). It lives apart from contract.ts because it imports the systems, and with
 * them every provider SDK: packages/contract compiles contract.ts for other teams and must not pull
 * those in. The root tsconfig compiles this file, so a mismatch still fails `npm run typecheck`.
 */
import type { systemOutputSchemas } from "./contract";
import type { systems } from "./systems";

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
 * Every key a registered system declares is in the contract (first slot), and every contract key
 * belongs to a system (second).
 */
export type SystemsMatchContract = NoKeys<
  [Exclude<DeclaredKey, ContractKey>, Exclude<ContractKey, DeclaredKey>]
>;
