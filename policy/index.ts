/**
 * The policy pack, run by `pulumi preview --policy-pack policy`. This is the only place a
 * PolicyPack is constructed: constructing one starts the policy analyzer server.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME } from "./identity";
import { allRules } from "./rules";

new PolicyPack(PACK_NAME, { policies: [...allRules] });
