import assert from "node:assert/strict";
import { test } from "node:test";
import { blocking, runPolicies } from "../../policy/engine";
import { loadBalancerExposure } from "../../policy/rules/load-balancer-exposure";
import { evaluateStack } from "../../offline/evaluate";
import { resource } from "../../offline/policy";

const SERVICE = "kubernetes:core/v1:Service";
const RELEASE = "kubernetes:helm.sh/v3:Release";

const lbService = (name: string, annotations?: Record<string, string>, type = "LoadBalancer") =>
  resource(SERVICE, name, {
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { type, ports: [{ port: 443 }] },
  });
const nginxRelease = (name: string, service: Record<string, unknown> | undefined) =>
  resource(RELEASE, name, {
    chart: "ingress-nginx",
    version: "4.15.1",
    values: service ? { controller: { service } } : {},
  });

const failing = [
  lbService("plain-lb"),
  lbService("marked-gcp-with-azure-annotation", {
    "failover-stacks.io/exposure": "internal",
    "failover-stacks.io/internal-cloud": "gcp",
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
  }),
  lbService("gke-external-value", { "networking.gke.io/load-balancer-type": "External" }),
  lbService("aws-internal-false", { "service.beta.kubernetes.io/aws-load-balancer-internal": "false" }),
  lbService("aws-lbc-internet-facing", {
    "service.beta.kubernetes.io/aws-load-balancer-type": "external",
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
  }),
  lbService("marked-internal-unknown-cloud", {
    "failover-stacks.io/exposure": "internal",
    "failover-stacks.io/internal-cloud": "hetzner",
  }),
  lbService("marked-metallb-without-pool", { "failover-stacks.io/exposure": "metallb" }),
  nginxRelease("nginx-chart-defaults", undefined),
  nginxRelease("nginx-lb-no-annotation", { type: "LoadBalancer", externalTrafficPolicy: "Local" }),
];

const passing = [
  lbService("gke-internal", { "networking.gke.io/load-balancer-type": "Internal" }),
  lbService("ours-do", {
    "failover-stacks.io/exposure": "internal",
    "failover-stacks.io/internal-cloud": "digitalocean",
    "service.beta.kubernetes.io/do-loadbalancer-network": "INTERNAL",
  }),
  lbService("metallb-pool", { "metallb.universe.tf/address-pool": "ingress" }),
  lbService("public-on-purpose", { "failover-stacks.io/exposure": "public" }),
  lbService("cluster-ip", undefined, "ClusterIP"),
  lbService("external-name", undefined, "ExternalName"),
  nginxRelease("nginx-nodeport", { type: "NodePort" }),
  nginxRelease("nginx-internal-openstack", {
    annotations: { "service.beta.kubernetes.io/openstack-internal-load-balancer": "true" },
  }),
  resource(RELEASE, "other-chart", { chart: "cert-manager", values: {} }),
];

test("load-balancer-exposure flags every LoadBalancer that would be public by accident", async () => {
  const violations = await runPolicies([loadBalancerExposure], failing);
  assert.deepEqual(
    violations.map((v) => v.urn?.split("::").pop()),
    failing.map((r) => r.name),
  );
  assert.equal(blocking(violations).length, failing.length, "the rule is mandatory");
  assert.match(violations[1].message, /lacks networking\.gke\.io\/load-balancer-type: "Internal"/);
  assert.match(violations[0].message, /InternalLoadBalancer/);
});

test("load-balancer-exposure passes internal, MetalLB, explicitly public and non-LB Services", async () => {
  assert.deepEqual(await runPolicies([loadBalancerExposure], passing), []);
});

test("the dev and prod stacks pass the rule", async () => {
  for (const stack of ["dev", "prod"]) {
    const { recorder } = await evaluateStack(stack);
    const checked = recorder.resources.filter((r) => r.type === SERVICE || r.type === RELEASE);
    assert.ok(checked.length > 0);
    assert.deepEqual(await runPolicies([loadBalancerExposure], recorder.resources), [], stack);
  }
});
