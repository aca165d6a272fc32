/**
 * The policy pack, run by `pulumi preview --policy-pack policy`. This is the only place a
 * PolicyPack is constructed: constructing one starts the policy analyzer server.
 */
import { PolicyPack } from "@pulumi/policy";
import { allRules } from "./rules";

new PolicyPack("failover-stacks", { policies: [...allRules] });
