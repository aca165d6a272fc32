/** Every Kubernetes object the system applies is schema-valid; operator facts from the issue hold. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseIpv4, addressOrNetwork } from "../../components/shared/ip";
import { renderStaticRoute, staticRouteMetadata } from "../../components/digitalocean/render/egress-routes";
import { renderStaticRouteCrd } from "../../components/digitalocean/render/static-route-operator";
import { kubernetesManifests, validateManifest, type Manifest } from "../harness/k8s-schema";
import type { RecordedResource } from "../../offline/recorder";
import { evaluateSection, only, section } from "./fixtures";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The SDK spells `x-kubernetes-*` schema keys with underscores; the provider sends them hyphenated. */
function asApplied(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asApplied);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.startsWith("x_kubernetes_") ? k.replace(/_/g, "-") : k,
        asApplied(v),
      ]),
    );
  }
  return value;
}

/** The CRD's own openAPI schema, applied to a StaticRoute (patterns, required, minItems). */
function validateStaticRoute(manifest: Manifest): void {
  const crd = renderStaticRouteCrd() as unknown as {
    spec: { versions: Array<{ schema: { openAPIV3Schema: { properties: { spec: SpecSchema } } } }> };
  };
  const schema = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
  assert.equal(manifest.apiVersion, "networking.digitalocean.com/v1");
  const name = (manifest.metadata as { name: string }).name;
  assert.match(name, DNS_SUBDOMAIN);
  assert.equal(
    (manifest.metadata as { namespace?: string }).namespace,
    undefined,
    "StaticRoute is cluster-scoped",
  );
  const spec = manifest.spec as Record<string, unknown>;
  for (const key of schema.required) assert.ok(key in spec, `spec.${key} is required`);
  assert.deepEqual(Object.keys(spec).sort(), Object.keys(schema.properties).sort(), "no unknown spec fields");
  const destinations = spec.destinations as string[];
  assert.ok(destinations.length >= schema.properties.destinations.minItems);
  for (const d of destinations) {
    assert.match(d, new RegExp(schema.properties.destinations.items.pattern));
    assert.ok(addressOrNetwork(d).ok, d);
  }
  assert.match(spec.gateway as string, new RegExp(schema.properties.gateway.pattern));
}

interface SpecSchema {
  required: string[];
  properties: {
    destinations: { minItems: number; items: { pattern: string } };
    gateway: { pattern: string };
  };
}

/** The normalized CIDR of a destination, or undefined when it is none. */
function cidrOf(destination: string): string | undefined {
  const parsed = addressOrNetwork(destination);
  return parsed.ok && destination.includes("/") ? parsed.cidr.text : undefined;
}

/** The routing agent's Route has no published schema here: check its documented shape. */
function validateRoutingAgentRoute(manifest: Manifest): void {
  assert.match((manifest.metadata as { name: string }).name, DNS_SUBDOMAIN);
  const spec = manifest.spec as { destinations: string[]; gateways: string[] };
  assert.deepEqual(Object.keys(spec).sort(), ["destinations", "gateways"]);
  assert.ok(spec.destinations.length > 0);
  // DigitalOcean documents Route destinations only as CIDRs: a bare address must be its /32.
  for (const d of spec.destinations) assert.equal(d, cidrOf(d), `destination ${d} in CIDR form`);
  assert.ok(spec.gateways.length > 0);
}

const extraModels = {
  "networking.digitalocean.com/v1/StaticRoute": validateStaticRoute,
  "networking.doks.digitalocean.com/v1alpha1/Route": validateRoutingAgentRoute,
};

function byKind(records: readonly RecordedResource[], kind: string): Manifest {
  const found = kubernetesManifests(records).filter((m) => m.kind === kind);
  assert.equal(found.length, 1, kind);
  return found[0];
}

describe("operator backend manifests", () => {
  test("every object validates against its schema (CRD, RBAC, DaemonSet, StaticRoute)", async () => {
    const { recorder } = await evaluateSection(
      section({ gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.0.6"] } }),
    );
    const manifests = kubernetesManifests(recorder.resources);
    assert.deepEqual(manifests.map((m) => m.kind).sort(), [
      "ClusterRole",
      "ClusterRoleBinding",
      "CustomResourceDefinition",
      "DaemonSet",
      "Namespace",
      "ServiceAccount",
      "StaticRoute",
      "StaticRoute",
    ]);
    for (const m of manifests) await validateManifest(asApplied(m) as Manifest, extraModels);
  });

  test("the schema check rejects a broken DaemonSet and an unknown kind", async () => {
    const { recorder } = await evaluateSection(section({}));
    const ds = structuredClone(byKind(recorder.resources, "DaemonSet")) as Manifest & {
      spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
    };
    ds.spec.template.spec.containers[0].name = 7;
    await assert.rejects(validateManifest(ds), /containers\/0\/name/);
    await assert.rejects(validateManifest({ apiVersion: "example.com/v1", kind: "Nope" }), /no schema known/);
  });

  test("a StaticRoute with a bad gateway fails our schema check", async () => {
    const bad: Manifest = {
      apiVersion: "networking.digitalocean.com/v1",
      kind: "StaticRoute",
      metadata: { name: "egress-a-via-gw-1" },
      spec: { destinations: ["203.0.113.10"], gateway: "gw-1" },
    };
    await assert.rejects(validateManifest(bad, extraModels));
    await assert.rejects(
      validateManifest({ ...bad, spec: { destinations: [], gateway: "10.110.0.5" } }, extraModels),
    );
  });

  test("renderStaticRoute is the StaticRoute the component applies, from plain data", async () => {
    const manifest = renderStaticRoute(
      staticRouteMetadata("partner-a", "gw-2"),
      ["203.0.113.10", "198.51.100.0/28"],
      "10.110.0.6",
    );
    assert.deepEqual(manifest, {
      apiVersion: "networking.digitalocean.com/v1",
      kind: "StaticRoute",
      metadata: {
        name: "egress-partner-a-via-gw-2",
        labels: {
          "egress.failover-stacks.dev/route-set": "partner-a",
          "egress.failover-stacks.dev/gateway": "gw-2",
        },
      },
      spec: { destinations: ["203.0.113.10", "198.51.100.0/28"], gateway: "10.110.0.6" },
    });
    validateStaticRoute(manifest as unknown as Manifest);
    await validateManifest(manifest as unknown as Manifest, extraModels);
    const { recorder } = await evaluateSection(
      section({ gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.0.6"] }, activeGateway: "gw-2" }),
    );
    const applied = recorder.named("unit-egress-routes-partner-a").inputs;
    assert.deepEqual(applied, manifest);
  });

  test("CRD: staticroutes.networking.digitalocean.com, v1, cluster-scoped, destinations and gateway required", async () => {
    const { recorder } = await evaluateSection(section({}));
    const crd = byKind(recorder.resources, "CustomResourceDefinition") as unknown as {
      metadata: { name: string };
      spec: { group: string; scope: string; versions: Array<{ name: string; schema: unknown }> };
    };
    assert.equal(crd.metadata.name, "staticroutes.networking.digitalocean.com");
    assert.equal(crd.spec.scope, "Cluster");
    assert.deepEqual(
      crd.spec.versions.map((v) => v.name),
      ["v1"],
    );
    const spec = (crd.spec.versions[0].schema as { openAPIV3Schema: { properties: { spec: SpecSchema } } })
      .openAPIV3Schema.properties.spec;
    assert.deepEqual(spec.required, ["destinations", "gateway"]);
  });

  test("DaemonSet: static-routes namespace, hostNetwork, NET_ADMIN only, tolerates every taint, pinned image", async () => {
    const { recorder } = await evaluateSection(section({}));
    const ds = only(recorder, "kubernetes:apps/v1:DaemonSet").inputs as {
      metadata: { namespace: string };
      spec: { template: { spec: PodSpec } };
    };
    assert.equal(ds.metadata.namespace, "static-routes");
    const pod = ds.spec.template.spec;
    assert.equal(pod.hostNetwork, true);
    assert.deepEqual(pod.tolerations, [{ operator: "Exists" }]);
    assert.equal(pod.containers.length, 1);
    const c = pod.containers[0];
    assert.equal(c.image, "digitalocean/k8s-staticroute-operator:v1.0.0");
    assert.deepEqual(c.securityContext.capabilities, { drop: ["ALL"], add: ["NET_ADMIN"] });
    assert.notEqual(c.securityContext.privileged, true);
    assert.equal(c.securityContext.runAsNonRoot, true);
    assert.equal(only(recorder, "kubernetes:core/v1:Namespace").inputs.metadata instanceof Object, true);
  });

  test("an image digest pins the image bytes", async () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const { recorder } = await evaluateSection(
      section({ operator: { image: "digitalocean/k8s-staticroute-operator:v1.0.0", digest } }),
    );
    const ds = only(recorder, "kubernetes:apps/v1:DaemonSet").inputs as {
      spec: { template: { spec: PodSpec } };
    };
    assert.equal(
      ds.spec.template.spec.containers[0].image,
      `digitalocean/k8s-staticroute-operator:v1.0.0@${digest}`,
    );
  });

  test("RBAC is least privilege: no wildcards, no secrets, write only to StaticRoutes, peerings and events", async () => {
    const { recorder } = await evaluateSection(section({}));
    const rules = only(recorder, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").inputs
      .rules as Array<{
      apiGroups: string[];
      resources: string[];
      verbs: string[];
    }>;
    for (const rule of rules) {
      for (const list of [rule.apiGroups, rule.resources, rule.verbs]) assert.ok(!list.includes("*"));
      assert.ok(!rule.resources.includes("secrets"));
      const writes = rule.verbs.filter((v) => !["get", "list", "watch"].includes(v));
      if (writes.length > 0) {
        assert.ok(
          ["staticroutes", "clusterkopfpeerings", "events"].includes(rule.resources[0]) &&
            rule.resources.length === 1,
          JSON.stringify(rule),
        );
        assert.ok(writes.every((v) => v === "patch" || (v === "create" && rule.resources[0] === "events")));
      }
    }
    const binding = only(recorder, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").inputs as {
      subjects: Array<{ kind: string; name: string; namespace: string }>;
    };
    assert.deepEqual(binding.subjects, [
      { kind: "ServiceAccount", name: "k8s-staticroute-operator", namespace: "static-routes" },
    ]);
  });
});

describe("routing-agent backend manifests", () => {
  test("each Route validates and lists every gateway", async () => {
    const { recorder } = await evaluateSection(
      section({ backend: "routing-agent", gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.0.6"] } }),
    );
    const manifests = kubernetesManifests(recorder.resources);
    assert.deepEqual(
      manifests.map((m) => m.kind),
      ["Route", "Route"],
    );
    for (const m of manifests) {
      await validateManifest(m, extraModels);
      assert.deepEqual((m.spec as { gateways: string[] }).gateways, ["10.110.0.5", "10.110.0.6"]);
      assert.ok((m.spec as { gateways: string[] }).gateways.every((g) => parseIpv4(g)));
    }
    const partnerA = manifests.find((m) => (m.metadata as { name: string }).name === "egress-partner-a");
    assert.deepEqual((partnerA?.spec as { destinations: string[] }).destinations, [
      "203.0.113.10/32",
      "198.51.100.0/28",
    ]);
  });
});

interface PodSpec {
  hostNetwork: boolean;
  tolerations: unknown[];
  containers: Array<{
    image: string;
    securityContext: { capabilities: unknown; privileged?: boolean; runAsNonRoot: boolean };
  }>;
}
