/**
 * Each rule with the inputs a program can compute from other resources unknown (IDs, addresses,
 * names, generated values), as the analyzer gets them in a first preview. A rule must not throw
 * (the analyzer would skip it), must still report what the known inputs show, and must not report
 * what only an unknown could make wrong: that is judged when Analyze runs again before the update.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  DROPLET_TYPE,
  RESERVED_IP_TYPE,
  STATIC_ROUTE_TYPE,
  TAG_GATEWAY,
  TAG_POOL_PREFIX,
  TAG_PRODUCTION_PREFIX,
} from "../../components/digitalocean/constants";
import { openstackMetadata, openstackTags } from "../../components/openstack/tags";
import { runPolicies, type PolicyInputResource } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import {
  BACKEND_CONFIG_TYPES,
  HEALTH_CHECK_POLICY_TYPE,
  HTTP_ROUTE_TYPE,
  MCI_TYPE,
  MCS_TYPE,
} from "../../policy/rules/gke-objects";
import { OS_INSTANCE, OS_PORT, OS_SECGROUP, OS_SECGROUP_RULE } from "../../policy/rules/openstack-resources";
import { UNKNOWN } from "../../policy/unknowns";
import { HELM_RELEASE_TYPE } from "../../policy/rules/images-by-digest";
import { PRODUCTION_LABEL } from "../../components/shared/production-label";
import { resource } from "../../offline/policy";

const U = UNKNOWN;
const DO_FW = "digitalocean:index/firewall:Firewall";
const GCP_FW = "gcp:compute/firewall:Firewall";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";

interface Case {
  readonly name: string;
  readonly resources: readonly PolicyInputResource[];
  /** Names of the resources reported ("stack" for a stack-level report), in order. */
  readonly reported: readonly string[];
}

const sshRule = (name: string, props: Record<string, unknown>) =>
  resource(OS_SECGROUP_RULE, name, {
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    ...props,
  });
const lbGroup = resource(OS_SECGROUP, "lb-sg", { tags: openstackTags("a", "load-balancer") });
const vrrp = (name: string, dependsOn: string[]) =>
  resource(
    OS_SECGROUP_RULE,
    name,
    { direction: "ingress", protocol: "112", securityGroupId: U, remoteGroupId: U },
    { dependsOn },
  );
const vipPort = (address: string) =>
  resource(OS_PORT, "vip", { fixedIps: [{ ipAddress: address }], tags: openstackTags("a", "api-vip") });
const lbPort = (name: string, pairs: unknown) =>
  resource(OS_PORT, name, {
    portSecurityEnabled: true,
    allowedAddressPairs: pairs,
    tags: openstackTags("a", "load-balancer"),
  });
const node = (name: string, metadata: unknown) => resource(OS_INSTANCE, name, { metadata });
const gateway = (name: string, tags: unknown) => resource(DROPLET_TYPE, name, { tags });
const prodPool = [TAG_GATEWAY, `${TAG_PRODUCTION_PREFIX}true`, `${TAG_POOL_PREFIX}egress`];
const route = (name: string, destinations: unknown, gatewayIp: unknown = U) =>
  resource(STATIC_ROUTE_TYPE, name, { metadata: { name }, spec: { destinations, gateway: gatewayIp } });
const pod = (name: string, spec: Record<string, unknown>, namespace: unknown = "apps") =>
  resource(DEPLOYMENT, name, { metadata: { name, namespace }, spec: { replicas: 2, template: { spec } } });
const ipfailover = (name: string, env: Record<string, unknown>, replicas: unknown = 2) =>
  resource(DEPLOYMENT, name, {
    metadata: { name, namespace: "ipfailover" },
    spec: {
      replicas,
      template: {
        spec: {
          serviceAccountName: "ipfailover",
          hostNetwork: true,
          containers: [
            {
              name: "keepalived",
              image: "quay.io/openshift/origin-keepalived-ipfailover:4.16",
              env: Object.entries(env).map(([n, value]) => ({ name: n, value })),
            },
          ],
        },
      },
    },
  });
const mcs = (name: string, annotations: Record<string, unknown>, ports: unknown = [{ port: 80 }]) =>
  resource(MCS_TYPE, name, {
    metadata: { name, namespace: "ns", annotations },
    spec: { template: { spec: { ports } } },
  });
const backendConfig = (name: unknown, healthCheck: unknown) =>
  resource(BACKEND_CONFIG_TYPES[0], `bc-${String(name).slice(0, 8)}`, {
    metadata: { name, namespace: "ns" },
    spec: { healthCheck },
  });
const mci = (name: string, serviceName: unknown, annotations: Record<string, unknown> = {}) =>
  resource(MCI_TYPE, name, {
    metadata: { name, namespace: "ns", annotations },
    spec: { template: { spec: { backend: { serviceName, servicePort: 80 } } } },
  });
const prodPod = (name: string, containers: unknown[]) =>
  resource(DEPLOYMENT, name, {
    metadata: { name, labels: { [PRODUCTION_LABEL]: "true" } },
    spec: { template: { spec: { containers } } },
  });
const bcAnnotation = (name: string) => ({
  "cloud.google.com/backend-config": JSON.stringify({ default: name }),
});

const CASES: Record<string, readonly Case[]> = {
  "no-world-ssh": [
    { name: "remote group unknown", resources: [sshRule("a", { remoteGroupId: U })], reported: [] },
    { name: "prefix unknown", resources: [sshRule("a", { remoteIpPrefix: U })], reported: [] },
    {
      name: "one known world source beside an unknown one",
      resources: [
        resource(DO_FW, "fw", {
          inboundRules: [{ protocol: "tcp", portRange: "22", sourceAddresses: [U, "0.0.0.0/0"] }],
        }),
      ],
      reported: ["fw"],
    },
    {
      name: "GCP source ranges unknown",
      resources: [resource(GCP_FW, "g", { sourceRanges: U, allows: [{ protocol: "tcp", ports: ["22"] }] })],
      reported: [],
    },
  ],
  "openstack-lb-vip-pair": [
    {
      name: "allocated VIP, pair from it",
      resources: [vipPort(U), lbPort("lb", [{ ipAddress: U }])],
      reported: [],
    },
    { name: "known VIP, pairs unknown", resources: [vipPort("192.0.2.10"), lbPort("lb", U)], reported: [] },
    {
      name: "known VIP, known wrong pair",
      resources: [vipPort("192.0.2.10"), lbPort("lb", [{ ipAddress: "192.0.2.11" }])],
      reported: ["lb"],
    },
    { name: "allocated VIP, no pair at all", resources: [vipPort(U), lbPort("lb", [])], reported: ["lb"] },
  ],
  "openstack-vrrp-scoped": [
    { name: "group IDs unknown, one group", resources: [lbGroup, vrrp("v", [lbGroup.urn])], reported: [] },
    {
      name: "group IDs unknown, from a second group",
      resources: [
        lbGroup,
        resource(OS_SECGROUP, "other", {}),
        vrrp("v", [
          lbGroup.urn,
          "urn:pulumi:unit::failover-stacks::openstack:networking/secGroup:SecGroup::other",
        ]),
      ],
      reported: ["v", "lb-sg"],
    },
  ],
  "openstack-control-plane-odd": [
    {
      name: "a node's metadata unknown",
      resources: [
        node("a", openstackMetadata("a", "control-plane")),
        node("b", openstackMetadata("a", "control-plane")),
        node("c", U),
      ],
      reported: [],
    },
    {
      name: "known and even",
      resources: [
        node("a", openstackMetadata("a", "control-plane")),
        node("b", openstackMetadata("a", "control-plane")),
      ],
      reported: ["stack"],
    },
  ],
  "egress-gateway-redundancy": [
    {
      name: "a gateway's tags unknown",
      resources: [gateway("g1", prodPool), gateway("g2", [TAG_GATEWAY, U])],
      reported: [],
    },
    { name: "one known gateway", resources: [gateway("g1", prodPool)], reported: ["stack"] },
  ],
  "static-route-destinations": [
    { name: "gateway unknown", resources: [route("r", ["203.0.113.10"])], reported: [] },
    { name: "destinations unknown", resources: [route("r", U)], reported: [] },
    {
      name: "one destination unknown, one known bad",
      resources: [route("r", [U, "169.254.169.254"])],
      reported: ["r"],
    },
  ],
  "static-route-unique-destinations": [
    {
      name: "unknown destinations in two routes",
      resources: [route("a", [U]), route("b", [U])],
      reported: [],
    },
  ],
  "reserved-ip-protected": [
    {
      name: "address unknown, unprotected",
      resources: [resource(RESERVED_IP_TYPE, "ip", { ipAddress: U })],
      reported: ["ip"],
    },
  ],
  "privileged-pods-ipfailover-only": [
    {
      name: "service account unknown",
      resources: [pod("p", { hostNetwork: true, serviceAccountName: U })],
      reported: [],
    },
    {
      name: "namespace unknown, hostNetwork only",
      resources: [pod("p", { hostNetwork: true, serviceAccountName: "agent" }, U)],
      reported: [],
    },
    {
      name: "known account, privileged",
      resources: [
        pod("p", {
          serviceAccountName: "app",
          containers: [{ name: "c", securityContext: { privileged: true } }],
        }),
      ],
      reported: ["p"],
    },
  ],
  "ipfailover-replica-count": [
    { name: "count unknown", resources: [ipfailover("f", { OPENSHIFT_HA_REPLICA_COUNT: U })], reported: [] },
    {
      name: "replicas unknown",
      resources: [ipfailover("f", { OPENSHIFT_HA_REPLICA_COUNT: "2" }, U)],
      reported: [],
    },
    {
      name: "known mismatch",
      resources: [ipfailover("f", { OPENSHIFT_HA_REPLICA_COUNT: "3" })],
      reported: ["f"],
    },
  ],
  "ipfailover-router-ids": [
    {
      name: "VIPs unknown",
      resources: [
        ipfailover("a", { OPENSHIFT_HA_VRRP_ID_OFFSET: "0", OPENSHIFT_HA_VIRTUAL_IPS: U }),
        ipfailover("b", { OPENSHIFT_HA_VRRP_ID_OFFSET: "0", OPENSHIFT_HA_VIRTUAL_IPS: "192.0.2.10" }),
      ],
      reported: [],
    },
    { name: "offset unset", resources: [ipfailover("a", { OPENSHIFT_HA_VIRTUAL_IPS: U })], reported: ["a"] },
  ],
  "gke-mcs-health-check": [
    {
      name: "BackendConfig name unknown",
      resources: [mci("i", "svc"), mcs("svc", bcAnnotation("bc")), backendConfig(U, { port: 15021 })],
      reported: [],
    },
    {
      name: "health check values unknown",
      resources: [
        mci("i", "svc"),
        mcs("svc", bcAnnotation("bc")),
        backendConfig("bc", { port: U, requestPath: U }),
      ],
      reported: [],
    },
    { name: "backend service unknown", resources: [mci("i", U)], reported: [] },
    {
      name: "annotation unknown",
      resources: [mci("i", "svc"), mcs("svc", { "cloud.google.com/backend-config": U })],
      reported: [],
    },
    { name: "known, no BackendConfig", resources: [mci("i", "svc"), mcs("svc", {})], reported: ["svc"] },
    {
      name: "HealthCheckPolicy target unknown",
      resources: [
        resource(HTTP_ROUTE_TYPE, "r", {
          metadata: { name: "r", namespace: "ns" },
          spec: { rules: [{ backendRefs: [{ kind: "ServiceImport", name: "svc" }] }] },
        }),
        resource(HEALTH_CHECK_POLICY_TYPE, "h", {
          metadata: { name: "h", namespace: "ns" },
          spec: { targetRef: { kind: "ServiceImport", name: U }, default: { config: { type: "HTTP" } } },
        }),
      ],
      reported: [],
    },
  ],
  "gke-health-port": [
    {
      name: "MCS ports unknown",
      resources: [mcs("svc", bcAnnotation("bc"), U), backendConfig("bc", { port: 15021 })],
      reported: [],
    },
    {
      name: "known, probe port not exposed",
      resources: [mcs("svc", bcAnnotation("bc")), backendConfig("bc", { port: 15021 })],
      reported: ["svc"],
    },
  ],
  "gke-tls-static-ip": [
    {
      name: "static IP from a GlobalAddress",
      resources: [
        mci("i", "svc", { "networking.gke.io/pre-shared-certs": "c", "networking.gke.io/static-ip": U }),
      ],
      reported: [],
    },
    {
      name: "known, no static IP",
      resources: [mci("i", "svc", { "networking.gke.io/pre-shared-certs": "c" })],
      reported: ["i"],
    },
  ],
  "images-by-digest": [
    {
      name: "image unknown in a production workload",
      resources: [prodPod("d", [{ name: "c", image: U }])],
      reported: [],
    },
    {
      name: "production label unknown, image by tag",
      resources: [
        resource(DEPLOYMENT, "d", {
          metadata: { name: "d", labels: { [PRODUCTION_LABEL]: U } },
          spec: { template: { spec: { containers: [{ name: "c", image: "quay.io/x/y:1.0" }] } } },
        }),
      ],
      reported: [],
    },
    {
      name: "known image by tag beside an unknown one",
      resources: [
        prodPod("d", [
          { name: "c", image: U },
          { name: "e", image: "quay.io/x/y:1.0" },
        ]),
      ],
      reported: ["d"],
    },
  ],
  // Advisory by design, so only cases that must stay silent: an unknown is never a finding.
  "ingress-nginx-retired": [
    {
      name: "chart unknown",
      resources: [
        resource(HELM_RELEASE_TYPE, "r", {
          chart: U,
          values: { commonLabels: { [PRODUCTION_LABEL]: "true" } },
        }),
      ],
      reported: [],
    },
    {
      name: "production label unknown",
      resources: [
        resource(HELM_RELEASE_TYPE, "r", {
          chart: "ingress-nginx",
          values: { commonLabels: { [PRODUCTION_LABEL]: U } },
        }),
      ],
      reported: [],
    },
  ],
  "load-balancer-exposure": [
    {
      name: "annotation value unknown",
      resources: [
        resource(SERVICE, "s", {
          metadata: { annotations: { "networking.gke.io/load-balancer-type": U } },
          spec: { type: "LoadBalancer" },
        }),
      ],
      reported: [],
    },
    {
      name: "known, no annotation",
      resources: [resource(SERVICE, "s", { metadata: {}, spec: { type: "LoadBalancer" } })],
      reported: ["s"],
    },
  ],
};

const reportedNames = (violations: Awaited<ReturnType<typeof runPolicies>>) =>
  violations.map((v) => (v.urn ? v.urn.split("::").pop() : "stack"));

test("every rule of the pack has unknown-input cases", () => {
  assert.deepEqual(
    allRules.map((r) => r.name).filter((n) => !(n in CASES)),
    [],
  );
});

for (const rule of allRules) {
  describe(`${rule.name} with unknown inputs`, () => {
    for (const c of CASES[rule.name] ?? []) {
      test(c.name, async () => {
        const violations = await runPolicies([rule], c.resources);
        assert.deepEqual(
          violations.filter((v) => v.enforcementLevel !== "mandatory"),
          [],
          "the rule read an unknown (the analyzer would skip it)",
        );
        assert.deepEqual(reportedNames(violations), c.reported, JSON.stringify(violations, null, 2));
      });
    }
  });
}
