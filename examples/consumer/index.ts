// A program another team writes: it reads the failover-stacks prod stack's outputs through
// @failover-stacks/contract, typed by the contract, without the failover-stacks repository.
import type * as pulumi from "@pulumi/pulumi";
import { contractVersion, FailoverStackOutputs, type OutputValue } from "@failover-stacks/contract";

const failover = new FailoverStackOutputs("acme/failover-stacks/prod");

/** The NAT gateways' public addresses, for the partner's allowlist. */
export const egressIps: pulumi.Output<string[]> = failover.require("egressIps");
/** The Kubernetes API endpoint; secret when the producing stack exports it as a secret. */
export const apiEndpoint: pulumi.Output<string> = failover.require("apiEndpoint");
/** Typed object access: each gateway's name. */
export const gatewayNames = failover.require("gateways").apply((gateways) => gateways.map((g) => g.name));
/** The contract this program was built against (the package's major version). */
export const builtForContract: number = contractVersion;

/** Typing proof: an unknown key does not compile (tsc fails on an unused @ts-expect-error). */
export function typoDoesNotCompile(): OutputValue<"egressIps"> | undefined {
  // @ts-expect-error "egressIp" is not an output key of the contract.
  failover.require("egressIp");
  return undefined;
}
