/** The digitalocean system under mocks: resources, firewall, reserved IPs, alerts, cluster, outputs. */
import assert from "node:assert/strict";
import { checkConfiguredPrivateIp } from "../../components/digitalocean/nat-gateway-pool";
import { describe, test } from "node:test";
import { runPolicies } from "../../policy/engine";
import { noWorldSsh } from "../../policy/rules/no-world-ssh";
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateSection, only, section } from "./fixtures";
import { evaluateStack } from "../../offline/evaluate";
import { readStackFile } from "../../offline/stack-file";
import { natGatewayRenderInput, renderNatCloudInit } from "../../components/digitalocean/render";
import { digitaloceanSchema } from "../../components/digitalocean/config";
import { planDigitalOcean } from "../../components/digitalocean/plan";
import { parse } from "yaml";

const DROPLET = "digitalocean:index/droplet:Droplet";
const FIREWALL = "digitalocean:index/firewall:Firewall";
const RESERVED = "digitalocean:index/reservedIp:ReservedIp";
const ASSIGNMENT = "digitalocean:index/reservedIpAssignment:ReservedIpAssignment";
const CLUSTER = "digitalocean:index/kubernetesCluster:KubernetesCluster";
const K8S_PROVIDER = "pulumi:providers:kubernetes";
const STATIC_ROUTE = "kubernetes:networking.digitalocean.com/v1:StaticRoute";
const ROUTE = "kubernetes:networking.doks.digitalocean.com/v1alpha1:Route";

interface Rule {
  protocol: string;
  portRange?: string;
  sourceAddresses?: string[];
  destinationAddresses?: string[];
}

describe("droplet mode with the static-route operator", () => {
  test("gateway droplets: monitoring, VPC, generated cloud-init, tags", async () => {
    const { recorder } = await evaluateSection(section({}));
    const vpc = only(recorder, "digitalocean:index/vpc:Vpc");
    assert.equal(vpc.inputs.ipRange, "10.110.0.0/20");
    const droplets = recorder.ofType(DROPLET);
    assert.deepEqual(
      droplets.map((d) => d.name),
      ["unit-egress-gw-1", "unit-egress-gw-2"],
    );
    for (const droplet of droplets) {
      assert.equal(droplet.inputs.monitoring, true);
      // Ids are unknown under the mocks; the dependency shows which VPC the droplet joins.
      assert.ok(droplet.dependsOn.includes(vpc.urn), "droplets join the VPC");
      assert.ok("vpcUuid" in droplet.inputs);
      assert.equal(droplet.inputs.region, "fra1");
      const userData = droplet.inputs.userData as string;
      assert.match(userData, /^#cloud-config\n/);
      assert.ok(userData.includes("10.110.0.0/20"), "the VPC CIDR is masqueraded");
      assert.ok(userData.includes("10.244.0.0/16"), "the pod CIDR is masqueraded too");
      // Exactly the renderer's output for this gateway (the renderer's own tests run cloud-init
      // schema, shellcheck and nft on it).
      assert.equal(
        userData,
        renderNatCloudInit(
          natGatewayRenderInput({
            name: droplet.name,
            vpcCidr: "10.110.0.0/20",
            extraSourceCidrs: ["10.244.0.0/16"],
            healthPort: 8080,
            adminCidrs: ["198.51.100.128/28"],
            healthCidrs: ["10.110.0.0/20"],
            egressViaReservedIp: false,
          }),
        ),
      );
      // Keys from config (an ID given as a YAML number becomes the string the provider takes).
      assert.deepEqual(droplet.inputs.sshKeys, ["3b:16:bf:e4:8b:00:8b:b8:59:8c:a9:d3:f0:19:45:fa", "12345"]);
      assert.deepEqual(droplet.inputs.tags, [
        "failover-nat-gateway",
        "failover-pool:unit-egress",
        "failover-production:false",
      ]);
    }
  });

  test("firewall: TCP/UDP from VPC and pods, ICMP from anywhere for the uptime pings, SSH only from admins", async () => {
    const { recorder } = await evaluateSection(section({}));
    const firewall = only(recorder, FIREWALL);
    assert.deepEqual(firewall.inputs.tags, ["failover-pool:unit-egress"]);
    const inbound = firewall.inputs.inboundRules as Rule[];
    const ssh = inbound.filter((r) => r.portRange === "22");
    assert.deepEqual(ssh, [{ protocol: "tcp", portRange: "22", sourceAddresses: ["198.51.100.128/28"] }]);
    for (const protocol of ["tcp", "udp"]) {
      const rule = inbound.find((r) => r.protocol === protocol && r.portRange !== "22");
      assert.deepEqual(rule?.sourceAddresses, ["10.110.0.0/20", "10.244.0.0/16"], protocol);
    }
    // DigitalOcean's uptime probes ping the public address from the internet.
    assert.ok(recorder.resources.some((r) => r.type === "digitalocean:index/uptimeCheck:UptimeCheck"));
    const icmp = inbound.find((r) => r.protocol === "icmp");
    assert.deepEqual(icmp?.sourceAddresses, ["0.0.0.0/0", "::/0"]);
    const outbound = firewall.inputs.outboundRules as Rule[];
    assert.deepEqual(outbound.map((r) => r.protocol).sort(), ["icmp", "tcp", "udp"]);
    for (const rule of outbound) assert.deepEqual(rule.destinationAddresses, ["0.0.0.0/0", "::/0"]);
    assert.deepEqual(await runPolicies([noWorldSsh], recorder.resources), []);
  });

  test("no admin CIDRs: no SSH rule at all, sshd masked, no keys needed", async () => {
    const { recorder } = await evaluateSection(section({ adminCidrs: [], sshKeys: [] }));
    const inbound = only(recorder, FIREWALL).inputs.inboundRules as Rule[];
    assert.equal(
      inbound.some((r) => r.portRange === "22"),
      false,
    );
    for (const droplet of recorder.ofType(DROPLET)) {
      assert.equal(droplet.inputs.sshKeys, undefined, "no key list at all (an empty one would differ)");
      const userData = droplet.inputs.userData as string;
      assert.match(userData, /readonly ADMIN_CIDRS=\(\)/, "the host input filter admits no SSH");
      const runcmd = (parse(userData) as { runcmd: string[][] }).runcmd;
      assert.ok(
        runcmd.some((c) => c.join(" ") === "systemctl mask --now ssh.service ssh.socket"),
        "sshd is masked",
      );
    }
  });

  test("health sources: the VPC CIDR by default, never the pod CIDR; configurable", async () => {
    const plain = await evaluateSection(section({}));
    for (const droplet of plain.recorder.ofType(DROPLET)) {
      assert.match(droplet.inputs.userData as string, /readonly HEALTH_CIDRS=\('10\.110\.0\.0\/20'\)/);
    }
    const narrowed = await evaluateSection(section({ gateways: { healthCidrs: ["10.110.0.8/29"] } }));
    for (const droplet of narrowed.recorder.ofType(DROPLET)) {
      const userData = droplet.inputs.userData as string;
      assert.match(userData, /readonly HEALTH_CIDRS=\('10\.110\.0\.8\/29'\)/);
      assert.match(userData, /IPAddressAllow=10\.110\.0\.8\/29/);
    }
  });

  test("uptime: a ping check per gateway public address, a down alert to email and Slack (secret URL)", async () => {
    const { recorder } = await evaluateSection(
      section({
        alerts: {
          emails: ["oncall@example.com"],
          slack: { channel: "#egress", url: "https://hooks.example.com/x" },
        },
      }),
    );
    const checks = recorder.ofType("digitalocean:index/uptimeCheck:UptimeCheck");
    assert.deepEqual(
      checks.map((c) => [c.inputs.type, c.inputs.target]),
      [
        ["ping", "<assigned:unit-egress-gw-1.ipv4Address>"],
        ["ping", "<assigned:unit-egress-gw-2.ipv4Address>"],
      ],
    );
    const alerts = recorder.ofType("digitalocean:index/uptimeAlert:UptimeAlert");
    assert.equal(alerts.length, 2);
    assert.equal(alerts[0].inputs.type, "down");
    assert.ok(alerts[0].dependsOn.includes(checks[0].urn), "the alert watches its check");
    assert.deepEqual(alerts[0].inputs.notifications, [
      {
        emails: ["oncall@example.com"],
        slacks: [{ channel: "#egress", url: "https://hooks.example.com/x" }],
      },
    ]);
    assert.ok(
      alerts[0].secretPaths.some((p) => p.startsWith("notifications")),
      "the webhook URL is secret",
    );
  });

  test("no alert contacts: checks only, no alerts", async () => {
    const { recorder } = await evaluateSection(section({ alerts: { emails: [] } }));
    assert.equal(recorder.ofType("digitalocean:index/uptimeCheck:UptimeCheck").length, 2);
    assert.equal(recorder.ofType("digitalocean:index/uptimeAlert:UptimeAlert").length, 0);
  });

  test("outputs: egress IPs, gateways, active gateway, routes", async () => {
    const { outputs } = await evaluateSection(section({ activeGateway: "gw-2" }));
    assert.deepEqual(outputs.egressIps.value, [
      "<assigned:unit-egress-gw-1.ipv4Address>",
      "<assigned:unit-egress-gw-2.ipv4Address>",
    ]);
    const gw2 = {
      name: "gw-2",
      privateIp: "10.110.0.6", // the VPC address DigitalOcean assigned (fixtures.ts)
      publicIp: "<assigned:unit-egress-gw-2.ipv4Address>",
    };
    assert.deepEqual((outputs.gateways.value as unknown[])[1], gw2);
    assert.deepEqual(outputs.activeGateway.value, gw2);
    assert.deepEqual(outputs.routes.value, [
      {
        routeSet: "partner-a",
        object: "egress-partner-a-via-gw-2",
        destinations: ["203.0.113.10", "198.51.100.0/28"],
        gateways: [gw2.privateIp],
      },
      {
        routeSet: "partner-b",
        object: "egress-partner-b-via-gw-2",
        destinations: ["203.0.113.64/27"],
        gateways: [gw2.privateIp],
      },
    ]);
  });

  test("routes use each droplet's assigned VPC address; configured privateIps must match it", async () => {
    const { recorder } = await evaluateSection(
      section({ gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.0.6"] }, activeGateway: 1 }),
    );
    for (const route of recorder.ofType(STATIC_ROUTE)) {
      assert.equal((route.inputs.spec as { gateway: string }).gateway, "10.110.0.6");
    }
    // A mismatch (a replaced droplet got another address) fails the update: see checkConfiguredPrivateIp below.
  });
});

describe("reserved IPs", () => {
  test("are protected, retained on delete, assigned to their droplet, and are the egress IPs", async () => {
    const { recorder, outputs } = await evaluateSection(section({ reservedIps: true }));
    const ips = recorder.ofType(RESERVED);
    assert.equal(ips.length, 2);
    for (const ip of ips) {
      assert.equal(ip.protect, true, `${ip.name} is protected`);
      assert.equal(ip.retainOnDelete, true, `${ip.name} is retained on delete`);
      assert.equal(ip.inputs.region, "fra1");
    }
    const assignments = recorder.ofType(ASSIGNMENT);
    const droplets = recorder.ofType(DROPLET);
    assignments.forEach((a, i) => {
      assert.equal(a.inputs.ipAddress, `<assigned:${ips[i].name}.ipAddress>`);
      assert.ok(a.dependsOn.includes(droplets[i].urn), "assignment depends on its droplet");
      assert.equal(a.protect, false);
    });
    for (const droplet of droplets) {
      assert.match(droplet.inputs.userData as string, /EGRESS_VIA_RESERVED_IP=1/);
    }
    assert.deepEqual(
      outputs.egressIps.value,
      ips.map((ip) => `<assigned:${ip.name}.ipAddress>`),
    );
  });
});

describe("cluster and kubeconfig", () => {
  test("a created cluster sits in the gateways' VPC; its kubeconfig is read fresh and reaches the provider as a secret", async () => {
    const { recorder } = await evaluateSection(section({}));
    const cluster = only(recorder, CLUSTER);
    const vpc = only(recorder, "digitalocean:index/vpc:Vpc");
    assert.ok(cluster.dependsOn.includes(vpc.urn), "the cluster joins the gateways' VPC");
    assert.equal(cluster.inputs.clusterSubnet, "10.244.0.0/16");
    assert.equal(cluster.inputs.serviceSubnet, "10.245.0.0/16");
    assert.deepEqual(cluster.inputs.routingAgent, { enabled: false });
    const provider = only(recorder, K8S_PROVIDER);
    // From the data source (fresh token every run), not from the cluster's stored state.
    assert.equal(provider.inputs.kubeconfig, `<assigned-secret:unit-egress.kubeConfigs[0].rawConfig>`);
    assert.ok(provider.secretPaths.includes("kubeconfig"));
    assert.ok(provider.dependsOn.includes(cluster.urn), "the read waits for the cluster");
    for (const r of recorder.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
      assert.equal(r.provider, provider.urn, `${r.name} uses the cluster's provider`);
    }
  });

  test("a given kubeconfig and context: no cluster created, kubeconfig secret", async () => {
    const { recorder } = await evaluateSection(
      section({
        cluster: { create: undefined, kubeconfig: "apiVersion: v1\nkind: Config\n", context: "do-fra1" },
      }),
    );
    assert.equal(recorder.ofType(CLUSTER).length, 0);
    const provider = only(recorder, K8S_PROVIDER);
    assert.equal(provider.inputs.context, "do-fra1");
    assert.ok(provider.secretPaths.includes("kubeconfig"));
  });

  test("an existing cluster by name: kubeconfig looked up, kept secret", async () => {
    const calls: string[] = [];
    const { recorder } = await evaluateSection(section({ cluster: { create: undefined } }), {
      call: (token, inputs) => {
        calls.push(`${token} ${String(inputs.name)}`);
        return { name: inputs.name, kubeConfigs: [{ rawConfig: "looked-up-kubeconfig" }] };
      },
    });
    assert.deepEqual(calls, ["digitalocean:index/getKubernetesCluster:getKubernetesCluster unit-egress"]);
    const provider = only(recorder, K8S_PROVIDER);
    assert.equal(provider.inputs.kubeconfig, "looked-up-kubeconfig");
    assert.ok(provider.secretPaths.includes("kubeconfig"));
  });
});

describe("routing-agent backend", () => {
  test("enables the agent and lists every gateway in one Route per route set; no operator", async () => {
    const { recorder, outputs } = await evaluateSection(section({ backend: "routing-agent" }));
    assert.deepEqual(only(recorder, CLUSTER).inputs.routingAgent, { enabled: true });
    const routes = recorder.ofType(ROUTE);
    assert.equal(routes.length, 2);
    for (const route of routes) {
      assert.deepEqual((route.inputs.spec as { gateways: string[] }).gateways, ["10.110.0.5", "10.110.0.6"]);
    }
    assert.equal(recorder.ofType(STATIC_ROUTE).length, 0);
    assert.equal(recorder.ofType("kubernetes:apps/v1:DaemonSet").length, 0);
    assert.equal(outputs.activeGateway.value, null);
  });

  test("accepts a default route (the agent supports 0.0.0.0/0)", async () => {
    const { recorder } = await evaluateSection(
      section({ backend: "routing-agent", routeSets: [{ name: "all", destinations: ["0.0.0.0/0"] }] }),
    );
    assert.deepEqual((only(recorder, ROUTE).inputs.spec as { destinations: string[] }).destinations, [
      "0.0.0.0/0",
    ]);
  });
});

describe("plan", () => {
  test("names every gateway once and parses each droplet's render input; the components use exactly these", async () => {
    const patch = { gateways: { names: ["blue", "green"] }, activeGateway: "green", reservedIps: true };
    const plan = planDigitalOcean(digitaloceanSchema.parse(section(patch)), "unit");
    assert.equal(plan.base, "unit-egress");
    assert.deepEqual(plan.gateways, [
      { name: "blue", resourceName: "unit-egress-blue" },
      { name: "green", resourceName: "unit-egress-green" },
    ]);
    assert.equal(plan.activeIndex, 1);
    assert.deepEqual(plan.droplets[1].nat, {
      name: "unit-egress-green",
      vpcCidr: "10.110.0.0/20",
      extraSourceCidrs: ["10.244.0.0/16"],
      healthPort: 8080,
      adminCidrs: ["198.51.100.128/28"],
      healthCidrs: ["10.110.0.0/20"],
      egressViaReservedIp: true,
    });
    const { recorder } = await evaluateSection(section(patch));
    for (const droplet of plan.droplets) {
      const recorded = recorder.named(droplet.resourceName);
      assert.equal(recorded.inputs.name, droplet.resourceName);
      assert.equal(recorded.inputs.userData, renderNatCloudInit(natGatewayRenderInput(droplet.nat)));
      assert.ok(recorder.named(`${droplet.resourceName}-ping`), "its uptime check has the same name");
    }
    const managed = section({ mode: "managed", gateways: { count: undefined }, activeGateway: 0 });
    const managedPlan = planDigitalOcean(digitaloceanSchema.parse(managed), "unit");
    assert.deepEqual(managedPlan.gateways, [{ name: "managed", resourceName: "unit-egress-managed" }]);
    assert.deepEqual(managedPlan.droplets, []);
  });
});

describe("managed mode", () => {
  test("one VPC NAT gateway, not the VPC default; same outputs; no droplets", async () => {
    const { recorder, outputs } = await evaluateSection(
      section({ mode: "managed", gateways: { count: undefined, managedSize: 2 }, activeGateway: 0 }),
    );
    assert.equal(recorder.ofType(DROPLET).length, 0);
    const nat = only(recorder, "digitalocean:index/vpcNatGateway:VpcNatGateway");
    assert.equal(nat.inputs.type, "PUBLIC");
    assert.equal(nat.inputs.size, 2);
    const vpc = only(recorder, "digitalocean:index/vpc:Vpc");
    assert.ok(nat.dependsOn.includes(vpc.urn));
    assert.equal((nat.inputs.vpcs as Array<{ defaultGateway: boolean }>)[0].defaultGateway, false);
    const publicIp = `<assigned:${nat.name}.egresses[0].publicGateways[0].ipv4>`;
    const privateIp = `<assigned:${nat.name}.vpcs[0].gatewayIp>`;
    assert.deepEqual(outputs.egressIps.value, [publicIp]);
    assert.deepEqual(outputs.gateways.value, [{ name: "managed", privateIp, publicIp }]);
    assert.deepEqual(outputs.activeGateway.value, { name: "managed", privateIp, publicIp });
    for (const route of recorder.ofType(STATIC_ROUTE)) {
      assert.equal((route.inputs.spec as { gateway: string }).gateway, privateIp);
    }
  });
});

describe("stack files", () => {
  for (const stack of ["dev", "prod"]) {
    test(`${stack} evaluates and exports the egress outputs`, async () => {
      const { outputs, recorder } = await evaluateStack(stack);
      for (const key of ["egressIps", "gateways", "activeGateway", "routes"]) assert.ok(key in outputs, key);
      assert.ok(recorder.ofType(DROPLET).length >= 2);
    });
  }

  test("prod: production tag, reserved IPs protected, Slack URL secret", async () => {
    // The example stacks commit no secret: add the webhook the way `pulumi config set --secret` would.
    const key = "failover-stacks:digitalocean";
    const digitalocean = JSON.parse(readStackFile("prod").config[key]) as { alerts: Record<string, unknown> };
    digitalocean.alerts.slack = { channel: "#egress-alerts", url: `<secret:${key}>` };
    const file = readStackFile("prod");
    const { recorder } = await evaluateStack(
      "prod",
      encodeProjectConfig({ digitalocean }),
      {},
      { ...file, secretKeys: [...file.secretKeys, key] },
    );
    assert.ok(recorder.ofType("digitalocean:index/uptimeAlert:UptimeAlert").length > 0, "prod has alerts");
    for (const d of recorder.ofType(DROPLET))
      assert.ok((d.inputs.tags as string[]).includes("failover-production:true"));
    assert.ok(recorder.ofType(RESERVED).every((r) => r.protect && r.retainOnDelete));
    for (const alert of recorder.ofType("digitalocean:index/uptimeAlert:UptimeAlert")) {
      assert.ok(
        alert.secretPaths.some((p) => p.includes("slacks")),
        "webhook URL is secret",
      );
    }
  });
});

test("routes use each droplet's assigned VPC address; a configured one that differs is an error", () => {
  assert.equal(checkConfiguredPrivateIp("gw-1", undefined, "10.110.0.7"), "10.110.0.7");
  assert.equal(checkConfiguredPrivateIp("gw-1", "10.110.0.7", "10.110.0.7"), "10.110.0.7");
  assert.throws(
    () => checkConfiguredPrivateIp("gw-2", "10.110.0.8", "10.110.0.9"),
    /gateway gw-2 has VPC address 10.110.0.9, but failover-stacks:digitalocean.gateways.privateIps says 10.110.0.8. Fix: set it to 10.110.0.9/,
  );
});
