/** Every rule of the pack. index.ts builds the PolicyPack from this list; tests run the same list. */
import type { Rule } from "../engine";
import { noWorldSsh } from "./no-world-ssh";
import { openstackControlPlaneOdd } from "./openstack-control-plane-odd";
import { openstackLbVipPair } from "./openstack-lb-vip-pair";
import { openstackVrrpScoped } from "./openstack-vrrp-scoped";

export const allRules: readonly Rule[] = [
  noWorldSsh,
  openstackLbVipPair,
  openstackVrrpScoped,
  openstackControlPlaneOdd,
];
