/** A valid `digitalocean` section (like the dev stack) that tests vary one field at a time. */
import { digitaloceanSystem } from "../../components/digitalocean/system";
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateProgram, type Evaluation } from "../../offline/evaluate";
import type { MockOptions } from "../../offline/mocks";
import type { RecordedResource, ResourceRecorder } from "../../offline/recorder";
import { assigned, registerCloudAssigned } from "../../offline/cloud-assigned";

/**
 * In these tests DigitalOcean "assigns" gateway N the VPC address 10.110.0.(4+N), inside the good
 * section's VPC, so routes and schemas see real addresses; configured privateIps are checked against
 * these, and a test that configures others sees the mismatch error.
 */
export function assignedVpcAddress(dropletName: string): string | undefined {
  const n = /-gw-(\d+)$/.exec(dropletName)?.[1];
  return n === undefined ? undefined : `10.110.0.${4 + Number(n)}`;
}

registerCloudAssigned("digitalocean:index/droplet:Droplet", (name) => ({
  ipv4Address: assigned(name, "ipv4Address"),
  ipv4AddressPrivate: assignedVpcAddress(name) ?? assigned(name, "ipv4AddressPrivate"),
}));

export function goodSection(): Record<string, unknown> {
  return {
    region: "fra1",
    vpc: { cidr: "10.110.0.0/20" },
    mode: "droplets",
    backend: "staticroute-operator",
    gateways: { count: 2, size: "s-1vcpu-1gb", image: "debian-12-x64" },
    activeGateway: "gw-1",
    routeSets: [
      { name: "partner-a", destinations: ["203.0.113.10", "198.51.100.0/28"] },
      { name: "partner-b", destinations: ["203.0.113.64/27"] },
    ],
    cluster: {
      name: "unit-egress",
      create: { version: "1.33.1-do.0", nodePool: { size: "s-2vcpu-4gb", count: 2 } },
      podCidr: "10.244.0.0/16",
      serviceCidr: "10.245.0.0/16",
    },
    reservedIps: false,
    alerts: { emails: ["oncall@example.com"] },
    adminCidrs: ["198.51.100.128/28"],
    sshKeys: ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", 12345],
    settleSeconds: 45,
  };
}

/** The good section with `patch` merged in one level deep (objects merge, everything else replaces). */
export function section(patch: Record<string, unknown>): Record<string, unknown> {
  const base = goodSection();
  for (const [key, value] of Object.entries(patch)) {
    const current = base[key];
    base[key] =
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === "object" &&
      !Array.isArray(current)
        ? { ...current, ...value }
        : value;
  }
  return base;
}

/** Route sets with one destination list replaced. */
export function destinations(...list: string[]): Record<string, unknown> {
  return section({ routeSets: [{ name: "partner-a", destinations: list }] });
}

/** Evaluates the real program with only the digitalocean system and the given section. */
export async function evaluateSection(
  digitalocean: Record<string, unknown>,
  extra: { production?: boolean; environment?: string; call?: MockOptions["call"] } = {},
): Promise<Evaluation> {
  const config = encodeProjectConfig({
    digitalocean,
    environment: extra.environment ?? "unit",
    ...(extra.production === undefined ? {} : { production: extra.production }),
  });
  // A user stores the kubeconfig and webhook with `pulumi config set --secret`: the section is secret.
  return evaluateProgram({
    stack: "unit",
    config,
    secretKeys: ["failover-stacks:digitalocean"],
    systems: [digitaloceanSystem],
    call: extra.call,
  });
}

export function only(recorder: ResourceRecorder, type: string): RecordedResource {
  const found = recorder.ofType(type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}
