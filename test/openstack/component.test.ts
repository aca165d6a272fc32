/**
 * The OpenStack system under mocks: resources, VIP pairs, security-group rules, parents, safe
 * changes, secrets, outputs. The mock runtime leaves every resource id unknown, so relationships
 * (which port a server uses, which group a rule refers to) are checked through the recorded
 * dependencies, which name the resources an input came from.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { parse } from "yaml";
import { openstackSystem } from "../../components/openstack/system";
import { encodeProjectConfig } from "../../stacks/config";
import { assigned, registerCloudAssigned } from "../../offline/cloud-assigned";
import { evaluateProgram, type Evaluation } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recorder";
import { evaluatedStack, goodOpenstack } from "./fixtures";

const PORT = "openstack:networking/port:Port";
const INSTANCE = "openstack:compute/instance:Instance";
const RULE = "openstack:networking/secGroupRule:SecGroupRule";
const SG = "openstack:networking/secGroup:SecGroup";
const PASSWORD = "random:index/randomPassword:RandomPassword";

type Recorder = Evaluation["recorder"];

function evaluate(section: Record<string, unknown>): Promise<Evaluation> {
  return evaluateProgram({
    stack: "unit",
    config: encodeProjectConfig({ openstack: section }),
    systems: [openstackSystem],
  });
}

/** Names of the resources `r` depends on (inputs taken from their outputs, and dependsOn). */
function deps(recorder: Recorder, r: RecordedResource): string[] {
  return r.dependsOn.map((urn) => recorder.byUrn(urn)?.name ?? urn).sort();
}

function writtenFile(instance: RecordedResource, path: string): string {
  const userData = instance.inputs.userData as string;
  assert.ok(userData.startsWith("#cloud-config\n"), `${instance.name} has no cloud-config`);
  const doc = parse(userData) as { write_files: Array<{ path: string; content: string }> };
  const file = doc.write_files.find((f) => f.path === path);
  assert.ok(file, `${instance.name} writes no ${path}`);
  return file.content;
}

/** `protocol ports source <- groups the rule's inputs come from`, one line per rule of `prefix`. */
function ruleSummary(recorder: Recorder, prefix: string): string[] {
  return recorder
    .ofType(RULE)
    .filter((r) => r.name.startsWith(prefix))
    .map((r) => {
      const { protocol, portRangeMin, portRangeMax, remoteIpPrefix, remoteGroupId } = r.inputs as Record<
        string,
        string | number | undefined
      >;
      const ports = portRangeMin === undefined ? "-" : `${portRangeMin}-${portRangeMax}`;
      const source = remoteIpPrefix ?? (remoteGroupId !== undefined ? "group" : "ANY");
      return `${protocol} ${ports} ${source} <- ${deps(recorder, r).join(",")}`;
    })
    .sort();
}

test("dev stack: VIP port, LB ports with the VIP pair, anti-affinity, each server on its own port", async () => {
  const { recorder } = await evaluatedStack("dev");
  const vipPort = recorder.named("dev-k8s-api-vip-port");
  assert.deepEqual((vipPort.inputs.fixedIps as Array<{ ipAddress: string }>)[0].ipAddress, "192.0.2.10");
  assert.deepEqual(deps(recorder, vipPort), ["dev-k8s-net", "dev-k8s-subnet"]);

  const lbPorts = recorder.ofType(PORT).filter((p) => p.name.startsWith("dev-k8s-api-lb-"));
  assert.deepEqual(
    lbPorts.map((p) => p.name),
    ["dev-k8s-api-lb-1-port", "dev-k8s-api-lb-2-port"],
  );
  for (const port of lbPorts) {
    assert.deepEqual(port.inputs.allowedAddressPairs, [{ ipAddress: "192.0.2.10/32" }], port.name);
    assert.equal(port.inputs.portSecurityEnabled, true);
    assert.equal((port.inputs.securityGroupIds as unknown[]).length, 1);
    // The security group, the wait for the VIP reservation and for the router (dev is routed out).
    assert.deepEqual(deps(recorder, port), [
      "dev-k8s-api-lb-sg",
      "dev-k8s-api-vip-port",
      "dev-k8s-net",
      "dev-k8s-router-subnet",
      "dev-k8s-subnet",
    ]);
  }
  for (const port of recorder.ofType(PORT).filter((p) => p.name.startsWith("dev-k8s-cp-"))) {
    assert.equal(port.inputs.allowedAddressPairs, undefined, "only LB ports may send from the VIP");
    assert.ok(deps(recorder, port).includes("dev-k8s-cp-sg"));
  }

  const servers = recorder.ofType(INSTANCE);
  assert.equal(servers.length, 5, "2 LBs + 3 control-plane nodes");
  for (const [group, members] of [
    ["dev-k8s-api-lb-group", ["dev-k8s-api-lb-1", "dev-k8s-api-lb-2"]],
    ["dev-k8s-cp-group", ["dev-k8s-cp-1", "dev-k8s-cp-2", "dev-k8s-cp-3"]],
  ] as const) {
    assert.deepEqual(recorder.named(group).inputs.policies, ["anti-affinity"]);
    for (const member of members) {
      const server = recorder.named(member);
      assert.equal((server.inputs.networks as unknown[]).length, 1);
      assert.equal((server.inputs.schedulerHints as unknown[]).length, 1);
      assert.ok(deps(recorder, server).includes(`${member}-port`), `${member} uses its own port`);
      assert.ok(deps(recorder, server).includes(group), `${member} is in ${group}`);
      assert.equal(server.inputs.securityGroups, undefined, "security groups are set on the ports");
    }
  }
  // One network each and one port each: the VIP port is left over, never attached.
  assert.ok(servers.every((s) => !deps(recorder, s).includes("dev-k8s-api-vip-port")));
});

test("security groups: VRRP only from the LB group, 6443 from clients and nodes, SSH only from admins", async () => {
  const { recorder } = await evaluatedStack("dev");
  assert.deepEqual(ruleSummary(recorder, "dev-k8s-api-lb-sg-"), [
    // One dependency: securityGroupId and remoteGroupId are the same group.
    "112 - group <- dev-k8s-api-lb-sg",
    "tcp 22-22 198.51.100.10/32 <- dev-k8s-api-lb-sg",
    "tcp 6443-6443 198.51.100.0/24 <- dev-k8s-api-lb-sg",
    "tcp 6443-6443 group <- dev-k8s-api-lb-sg,dev-k8s-cp-sg",
  ]);
  assert.deepEqual(ruleSummary(recorder, "dev-k8s-api-lb-backend-"), [
    "tcp 6443-6443 group <- dev-k8s-api-lb-sg,dev-k8s-cp-sg",
  ]);
  assert.deepEqual(ruleSummary(recorder, "dev-k8s-cp-sg-"), [
    "tcp 10250-10250 group <- dev-k8s-cp-sg",
    "tcp 22-22 198.51.100.10/32 <- dev-k8s-cp-sg",
    "tcp 2379-2380 group <- dev-k8s-cp-sg",
  ]);
  for (const rule of recorder.ofType(RULE)) {
    assert.equal(rule.inputs.direction, "ingress");
    assert.equal(rule.inputs.ethertype, "IPv4");
  }
  const noAdmin = await evaluate({ ...goodOpenstack, adminCidrs: [] });
  assert.deepEqual(
    noAdmin.recorder.ofType(RULE).filter((r) => r.inputs.portRangeMin === 22),
    [],
    "no SSH rule at all without admin CIDRs",
  );
});

test("every child has a failover:openstack parent", async () => {
  const { recorder } = await evaluatedStack("dev");
  const components = recorder.resources.filter((r) => r.type.startsWith("failover:openstack:"));
  assert.deepEqual(components.map((c) => c.type).sort(), [
    "failover:openstack:ApiVip",
    "failover:openstack:ClusterNetwork",
    "failover:openstack:ControlPlane",
    "failover:openstack:LoadBalancerPair",
  ]);
  // The stack also holds other systems: every OpenStack resource must sit under an OpenStack component.
  const openstackResources = recorder.resources.filter((x) => x.custom && x.type.startsWith("openstack:"));
  assert.ok(openstackResources.length > 10);
  for (const r of openstackResources) {
    const parent = r.parent ? recorder.byUrn(r.parent) : undefined;
    assert.ok(parent?.type.startsWith("failover:openstack:"), `${r.name} has no component parent`);
  }
  assert.equal(recorder.byUrn(recorder.named("dev-k8s-api-lb-1").parent ?? "")?.name, "dev-k8s-api-lb");
  assert.equal(recorder.byUrn(recorder.named("dev-k8s-cp-2").parent ?? "")?.name, "dev-k8s-cp");
});

test("safe changes: servers are replaced one at a time, each on the port it keeps", async () => {
  const { recorder } = await evaluatedStack("prod");
  for (const chain of [
    ["prod-k8s-api-lb-1", "prod-k8s-api-lb-2"],
    ["prod-k8s-cp-1", "prod-k8s-cp-2", "prod-k8s-cp-3"],
    ["prod-k8s-workers-1", "prod-k8s-workers-2", "prod-k8s-workers-3"],
  ]) {
    chain.forEach((name, i) => {
      const server = recorder.named(name);
      assert.equal(server.deleteBeforeReplace, true, `${name}: Nova refuses a port that is still bound`);
      assert.deepEqual(server.replaceOnChanges, ["userData"]);
      const names = deps(recorder, server);
      if (i > 0) assert.ok(names.includes(chain[i - 1]), `${name} waits for ${chain[i - 1]}`);
      for (const later of chain.slice(i + 1))
        assert.ok(!names.includes(later), `${name} must not wait for ${later}`);
    });
  }
  for (const port of recorder.ofType(PORT)) {
    assert.equal(port.deleteBeforeReplace, false, `${port.name} is not replaced with its server`);
  }
});

test("LB cloud-init: each LB its own keepalived.conf, every control-plane node in haproxy.cfg", async () => {
  const { recorder } = await evaluatedStack("dev");
  const lb1 = writtenFile(recorder.named("dev-k8s-api-lb-1"), "/etc/keepalived/keepalived.conf");
  const lb2 = writtenFile(recorder.named("dev-k8s-api-lb-2"), "/etc/keepalived/keepalived.conf");
  assert.match(lb1, /unicast_src_ip 192\.0\.2\.11\n/);
  assert.match(lb1, /priority 150\n/);
  assert.match(lb1, /\b192\.0\.2\.12\n/);
  assert.match(lb2, /unicast_src_ip 192\.0\.2\.12\n/);
  assert.match(lb2, /priority 140\n/);
  assert.match(lb2, /\b192\.0\.2\.11\n/);
  assert.match(lb1, /virtual_router_id 51\n/);
  assert.match(lb1, /192\.0\.2\.10\/32 dev ens3/);
  assert.doesNotMatch(lb1, /auth_pass/, "VRRPv3 without authentication by default");
  const haproxy = writtenFile(recorder.named("dev-k8s-api-lb-1"), "/etc/haproxy/haproxy.cfg");
  for (const [i, ip] of ["192.0.2.21", "192.0.2.22", "192.0.2.23"].entries()) {
    assert.ok(haproxy.includes(`server dev-k8s-cp-${i + 1} ${ip}:6443 `), `backend ${ip}`);
  }
  assert.deepEqual(recorder.named("dev-k8s-api-lb-1").secretPaths, [], "nothing secret without a password");
  assert.equal(recorder.ofType(PASSWORD).length, 0);
});

test("VRRPv2 PASS: a generated 8-character secret; the user-data that embeds it is secret", async () => {
  // The shared `<assigned:…>` placeholder cannot pass the renderer's check of a VRRP password
  // (1..8 alphanumerics); here the test stands in for the provider with an obviously fake one.
  registerCloudAssigned(PASSWORD, () => ({ result: "ASSIGNED" }));
  after(() => registerCloudAssigned(PASSWORD, (name) => ({ result: assigned(name, "result") })));
  const { recorder } = await evaluate({ ...goodOpenstack, vrrpAuth: "password" });
  const [password] = recorder.ofType(PASSWORD);
  assert.deepEqual([password.inputs.length, password.inputs.special], [8, false]);
  for (const name of ["unit-api-lb-1", "unit-api-lb-2"]) {
    const lb = recorder.named(name);
    assert.deepEqual(lb.secretPaths, ["userData"], `${name} userData must be secret`);
    assert.match(writtenFile(lb, "/etc/keepalived/keepalived.conf"), /auth_pass ASSIGNED\n/);
  }
});

test("outputs: VIP, endpoint on the VIP without a floating IP, LB and control-plane addresses", async () => {
  const { outputs } = await evaluatedStack("dev");
  assert.equal(outputs.apiVip.value, "192.0.2.10");
  assert.equal(outputs.apiEndpoint.value, "https://192.0.2.10:6443");
  assert.equal(outputs.floatingIp.value, null);
  assert.deepEqual(outputs.loadBalancerIps.value, ["192.0.2.11", "192.0.2.12"]);
  assert.deepEqual(outputs.controlPlaneIps.value, ["192.0.2.21", "192.0.2.22", "192.0.2.23"]);
  for (const key of ["apiVip", "apiEndpoint", "loadBalancerIps", "controlPlaneIps"]) {
    assert.equal(outputs[key].isSecret, false, key);
  }
});

test("prod: the floating IP on the VIP port is the endpoint; workers reach the API, kubelet from the control plane", async () => {
  const { recorder, outputs } = await evaluatedStack("prod");
  const fip = recorder.named("prod-k8s-api-vip-fip");
  assert.equal(fip.inputs.pool, "public");
  assert.equal(fip.inputs.fixedIp, "203.0.113.10");
  assert.deepEqual(deps(recorder, fip), ["prod-k8s-api-vip-port"], "portId is the VIP port");
  assert.equal(outputs.floatingIp.value, "<assigned:prod-k8s-api-vip-fip.address>");
  assert.equal(outputs.apiEndpoint.value, "https://<assigned:prod-k8s-api-vip-fip.address>:6443");
  assert.deepEqual(ruleSummary(recorder, "prod-k8s-api-lb-sg-api-group-"), [
    "tcp 6443-6443 group <- prod-k8s-api-lb-sg,prod-k8s-cp-sg",
  ]);
  assert.deepEqual(ruleSummary(recorder, "prod-k8s-workers-api-"), [
    "tcp 6443-6443 group <- prod-k8s-api-lb-sg,prod-k8s-workers-sg",
  ]);
  assert.deepEqual(ruleSummary(recorder, "prod-k8s-workers-sg-"), [
    "tcp 10250-10250 group <- prod-k8s-cp-sg,prod-k8s-workers-sg",
    "tcp 22-22 198.51.100.10/32 <- prod-k8s-workers-sg",
  ]);
  // Workers are allocated: their ports wait until every pinned address is taken.
  const pinnedPorts = recorder
    .ofType(PORT)
    .filter((p) => !p.name.startsWith("prod-k8s-workers-"))
    .map((p) => p.name);
  assert.equal(pinnedPorts.length, 6);
  for (const port of recorder.ofType(PORT).filter((p) => p.name.startsWith("prod-k8s-workers-"))) {
    const names = deps(recorder, port);
    for (const pinned of pinnedPorts) assert.ok(names.includes(pinned), `${port.name} waits for ${pinned}`);
  }
  const conf = writtenFile(recorder.named("prod-k8s-api-lb-1"), "/etc/keepalived/keepalived.conf");
  assert.match(conf, /virtual_router_id 52\n/);
  assert.equal(recorder.ofType(SG).length, 3);
});

test("allocated VIP and node addresses are read back from the ports", async () => {
  // Stand in for Neutron's allocator with documentation addresses, in registration order.
  let next = 100;
  type FixedIps = Array<{ ipAddress?: string }>;
  registerCloudAssigned(PORT, (_name, inputs) => ({
    allFixedIps: (inputs.fixedIps as FixedIps).map((f) => f.ipAddress ?? `192.0.2.${next++}`),
  }));
  after(() =>
    registerCloudAssigned(PORT, (name, inputs) => ({
      allFixedIps: (inputs.fixedIps as FixedIps).map(
        (f, i) => f.ipAddress ?? assigned(name, `allFixedIps[${i}]`),
      ),
    })),
  );
  const { recorder, outputs } = await evaluate({
    ...goodOpenstack,
    vip: undefined,
    loadBalancers: { image: "debian-12", flavor: "m1.small" },
    controlPlane: { image: "ubuntu-24.04", flavor: "m1.large" },
  });
  const vipPort = recorder.named("unit-api-vip-port");
  assert.equal((vipPort.inputs.fixedIps as FixedIps)[0].ipAddress, undefined, "no address asked for");
  const vip = outputs.apiVip.value as string;
  assert.match(vip, /^192\.0\.2\.1\d\d$/);
  for (const port of recorder.ofType(PORT).filter((p) => p.name.startsWith("unit-api-lb-"))) {
    assert.deepEqual(port.inputs.allowedAddressPairs, [{ ipAddress: `${vip}/32` }]);
  }
  const lbIps = outputs.loadBalancerIps.value as string[];
  const cpIps = outputs.controlPlaneIps.value as string[];
  assert.equal(new Set([vip, ...lbIps, ...cpIps]).size, 6);
  const conf = writtenFile(recorder.named("unit-api-lb-2"), "/etc/keepalived/keepalived.conf");
  assert.ok(conf.includes(`unicast_src_ip ${lbIps[1]}\n`));
  const haproxy = writtenFile(recorder.named("unit-api-lb-1"), "/etc/haproxy/haproxy.cfg");
  for (const ip of cpIps) assert.ok(haproxy.includes(` ${ip}:6443 `), `backend ${ip}`);
});

test("a dev cluster may run a single control-plane node with the explicit flag", async () => {
  const { recorder, outputs } = await evaluate({
    ...goodOpenstack,
    devSingleControlPlane: true,
    controlPlane: { image: "ubuntu-24.04", flavor: "m1.large", count: 1, fixedIps: ["192.0.2.21"] },
  });
  assert.equal(recorder.ofType(INSTANCE).filter((i) => i.name.startsWith("unit-cp-")).length, 1);
  assert.deepEqual(outputs.controlPlaneIps.value, ["192.0.2.21"]);
});

test("a created network: IPv4 subnet with the first host as gateway, routed to the external network", async () => {
  const { recorder } = await evaluatedStack("dev");
  const subnet = recorder.named("dev-k8s-subnet");
  assert.deepEqual(
    [subnet.inputs.cidr, subnet.inputs.gatewayIp, subnet.inputs.ipVersion, subnet.inputs.dnsNameservers],
    ["192.0.2.0/24", "192.0.2.1", 4, ["192.0.2.2"]],
  );
  assert.equal(
    recorder.named("dev-k8s-router").inputs.externalNetworkId,
    "5f0c6d8e-0000-4000-8000-00000000e0e0",
  );
  assert.deepEqual(deps(recorder, recorder.named("dev-k8s-router-subnet")), [
    "dev-k8s-router",
    "dev-k8s-subnet",
  ]);
  // An existing network (prod) creates none of these.
  const prod = await evaluatedStack("prod");
  assert.equal(prod.recorder.ofType("openstack:networking/network:Network").length, 0);
  assert.equal(prod.recorder.ofType("openstack:networking/router:Router").length, 0);
});

test("a created, routed network: the floating IP and every server wait for the router interface", async () => {
  const { recorder } = await evaluate({
    ...goodOpenstack,
    network: { cidr: "192.0.2.0/24", externalNetworkId: "ext-net" },
    floatingIpPool: "public",
  });
  const routerInterface = recorder.ofType("openstack:networking/routerInterface:RouterInterface");
  assert.equal(routerInterface.length, 1);
  const [fip] = recorder.ofType("openstack:networking/floatingIp:FloatingIp");
  assert.ok(fip.dependsOn.includes(routerInterface[0].urn), "the floating IP waits for the router");
  // Servers take their ports' ids, and the ports wait for the router: no server boots unrouted.
  const nodePorts = recorder.ofType(PORT).filter((p) => !p.name.includes("api-vip"));
  assert.ok(nodePorts.length >= 5);
  for (const port of nodePorts) {
    assert.ok(port.dependsOn.includes(routerInterface[0].urn), `${port.name} waits for the router`);
  }
});

test("a created subnet's DHCP pools leave out the gateway and every pinned address", async () => {
  const { recorder } = await evaluate(goodOpenstack);
  const [subnet] = recorder.ofType("openstack:networking/subnet:Subnet");
  const pools = subnet.inputs.allocationPools as Array<{ start: string; end: string }>;
  const host = (a: string) => Number(a.split(".")[3]);
  const pinned = [
    goodOpenstack.vip,
    ...goodOpenstack.loadBalancers.fixedIps,
    ...goodOpenstack.controlPlane.fixedIps,
  ];
  for (const address of [...pinned, "192.0.2.1"]) {
    assert.ok(
      !pools.some((p) => host(p.start) <= host(address) && host(address) <= host(p.end)),
      `${address} is in a pool`,
    );
  }
  assert.ok(pools.length >= 2);
});
