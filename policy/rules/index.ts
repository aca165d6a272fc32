/** Every rule of the pack. index.ts builds the PolicyPack from this list; tests run the same list. */
import type { Rule } from "../engine";
import { loadBalancerExposure } from "./load-balancer-exposure";
import { noWorldSsh } from "./no-world-ssh";

export const allRules: readonly Rule[] = [noWorldSsh, loadBalancerExposure];
