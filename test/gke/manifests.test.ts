/**
 * Every Kubernetes object the system renders, in both modes, validated against a schema: the
 * @kubernetes-models/gke CRD schemas where they exist (BackendConfig, HealthCheckPolicy,
 * ServiceExport), kubernetes-models for Namespace, and our own schemas (mci-schema.ts) for MCS,
 * MCI, Gateway and HTTPRoute. The schemas are shown to reject broken objects too.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  kubernetesManifests,
  loadValidators,
  validateWith,
  type ExtraValidator,
  type Manifest,
} from "../harness/k8s-schema";
import { planIngress } from "../../components/gcp/render/plan";
import { evaluateGke } from "./evaluate-gke";
import { planInput, validGke } from "./fixtures";
import { gkeExtraModels } from "./mci-schema";

let models: Record<string, ExtraValidator> = {};
before(async () => {
  // Published models: kubernetes-models (Namespace) and @kubernetes-models/gke (the GKE CRDs).
  const published = await loadValidators([
    ["v1", "Namespace"],
    ["cloud.google.com/v1", "BackendConfig"],
    ["networking.gke.io/v1", "HealthCheckPolicy"],
    ["net.gke.io/v1", "ServiceExport"],
  ]);
  models = { ...gkeExtraModels, ...published };
});

const tlsAndHosts = {
  hosts: ["shop.example.com", "www.shop.example.com"],
  tls: { managedDomains: ["shop.example.com"], preSharedCerts: ["legacy-cert"] },
  clustersSubset: ["gke-eu", "gke-us"],
};

const variants: Array<[string, Record<string, unknown>]> = [
  ["mci, defaults", validGke()],
  ["mci, TLS, hosts and a subset", { ...validGke(), ...tlsAndHosts }],
  ["gateway, defaults", { ...validGke(), mode: "gateway" }],
  ["gateway, TLS, hosts and a subset", { ...validGke(), mode: "gateway", ...tlsAndHosts }],
  ["HTTPS health check", { ...validGke(), mode: "gateway", healthCheck: { protocol: "HTTPS" } }],
];

const STATIC_IP = "networking.gke.io/static-ip";

/**
 * Offline, the address is a cloud-assigned placeholder; check it is the reserved VIP's, then stand
 * in a documentation address so the schema can check the annotation's syntax.
 */
function withDocumentationVip(manifest: Manifest): Manifest {
  const annotations = manifest.metadata?.annotations as Record<string, string> | undefined;
  if (manifest.kind !== "MultiClusterIngress" || annotations?.[STATIC_IP] === undefined) return manifest;
  assert.equal(annotations[STATIC_IP], "<assigned:ingress-vip.address>");
  return {
    ...manifest,
    metadata: { ...manifest.metadata, annotations: { ...annotations, [STATIC_IP]: "203.0.113.10" } },
  };
}

describe("every rendered manifest passes its schema", () => {
  for (const [name, gke] of variants) {
    test(name, async () => {
      const { recorder } = await evaluateGke(gke);
      const manifests = kubernetesManifests(recorder.resources);
      assert.ok(
        manifests.length >= 5,
        `expected the namespaces and the ingress objects, got ${manifests.length}`,
      );
      for (const manifest of manifests) validateWith(withDocumentationVip(manifest), models);
    });
  }
});

function rendered(kind: string, mode: "mci" | "gateway" = "mci"): Manifest {
  const plan = planIngress({ ...planInput, mode, hosts: ["shop.example.com"], preSharedCerts: ["c1"] });
  const found = [...plan.configCluster, ...[...plan.members.values()].flat(), plan.namespace].find(
    (o) => o.kind === kind,
  );
  assert.ok(found, `no ${kind} rendered`);
  return structuredClone(found) as unknown as Manifest;
}

/** Sets (or, with undefined, deletes) the value at a path such as `["spec", "rules", 0, "host"]`. */
function setPath(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  const keys = [...path];
  const last = keys.pop() as string | number;
  let node = root as Record<string | number, unknown>;
  for (const key of keys) node = node[key] as Record<string | number, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The rendered object passes; with `path` set to `value` it fails with `why`. */
function breaks(
  kind: string,
  mode: "mci" | "gateway",
  path: ReadonlyArray<string | number>,
  value: unknown,
  why: RegExp,
): void {
  const manifest = rendered(kind, mode);
  validateWith(manifest, models);
  setPath(manifest, path, value);
  assert.throws(() => validateWith(manifest, models), why);
}

describe("the schemas reject broken objects", () => {
  test("MultiClusterService", () => {
    breaks("MultiClusterService", "mci", ["spec", "template", "spec", "ports"], [], /ports/);
    breaks("MultiClusterService", "mci", ["spec", "template", "spec", "ports", 0, "port"], 70000, /port/);
    breaks(
      "MultiClusterService",
      "mci",
      ["metadata", "annotations", "cloud.google.com/backend-config"],
      "{default: x}",
      /not JSON/,
    );
    breaks(
      "MultiClusterService",
      "mci",
      ["metadata", "annotations", "cloud.google.com/backend-config"],
      '{"defualt":"x"}',
      /backend-config/,
    );
    breaks("MultiClusterService", "mci", ["spec", "clusters"], [{ link: "gke-eu" }], /clusters/);
    breaks("MultiClusterService", "mci", ["spec", "template", "spec", "port"], [], /port/);
  });

  test("MultiClusterIngress", () => {
    breaks("MultiClusterIngress", "mci", ["spec", "template", "spec", "backend"], undefined, /backend/);
    breaks(
      "MultiClusterIngress",
      "mci",
      ["metadata", "annotations", "networking.gke.io/static-ip"],
      "203.0.113.300",
      /static-ip/,
    );
    breaks(
      "MultiClusterIngress",
      "mci",
      ["metadata", "annotations", "networking.gke.io/pre-shared-certs"],
      "a, b",
      /pre-shared-certs/,
    );
    breaks(
      "MultiClusterIngress",
      "mci",
      ["spec", "template", "spec", "rules", 0, "host"],
      "Shop.Example.com",
      /host/,
    );
    breaks(
      "MultiClusterIngress",
      "mci",
      ["spec", "template", "spec", "defaultBackend"],
      {},
      /defaultBackend/,
    );
  });

  test("Gateway and HTTPRoute", () => {
    breaks("Gateway", "gateway", ["spec", "addresses"], [{ type: "StaticIP", value: "x" }], /addresses/);
    breaks("Gateway", "gateway", ["spec", "listeners"], [], /listeners/);
    breaks("HTTPRoute", "gateway", ["spec", "rules", 0, "backendRefs", 0, "name"], undefined, /name/);
    breaks("HTTPRoute", "gateway", ["spec", "parentRefs"], [], /parentRefs/);
  });

  test("GKE CRD models: BackendConfig, HealthCheckPolicy", () => {
    breaks("BackendConfig", "mci", ["spec", "healthCheck", "port"], "15021", /port must be integer/);
    breaks("HealthCheckPolicy", "gateway", ["spec", "default", "config", "type"], "HTTPX", /type/);
    breaks("HealthCheckPolicy", "gateway", ["spec", "targetRef"], undefined, /targetRef/);
  });

  test("Namespace (kubernetes-models core)", () => {
    breaks("Namespace", "mci", ["metadata", "labels"], { "istio.io/rev": 1175 }, /labels/);
  });
});
