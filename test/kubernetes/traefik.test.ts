/**
 * Traefik, the maintained alternative to ingress-nginx, gets the same checks: values that pass the
 * chart's schema (modelled in traefik-values-schema.ts), a MetalLB pool address or a cloud-internal
 * load balancer (and the load-balancer-exposure rule), the pinned chart, and the system wiring.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderTraefikValues, type TraefikSpec } from "../../components/kubernetes/render/traefik-values";
import { requireImageRef } from "../../components/shared/image-ref";
import { PRODUCTION_LABEL } from "../../components/shared/production-label";
import { runPolicies } from "../../policy/engine";
import { imagesByDigest } from "../../policy/rules/images-by-digest";
import { loadBalancerExposure } from "../../policy/rules/load-balancer-exposure";
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateProgram } from "../../offline/evaluate";
import { resource } from "../../offline/policy";
import { goodSection } from "./fixtures";
import { traefikValuesModel } from "./traefik-values-schema";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const DIGEST = `sha256:${"cd".repeat(32)}`;

const base: TraefikSpec = {
  className: "traefik",
  defaultClass: true,
  replicas: 2,
  externalTrafficPolicy: "Local",
  loadBalancer: { kind: "metallb", pool: "ingress", address: "192.0.2.240", sourceRanges: [] },
  image: requireImageRef("docker.io/traefik:v3.7.11"),
};

type Values = {
  image: Record<string, unknown>;
  ingressClass: Record<string, unknown>;
  providers: { kubernetesIngress: Record<string, unknown> };
  service: { annotations: Record<string, string>; spec: Record<string, unknown> };
  commonLabels?: Record<string, string>;
  deployment: { replicas: number };
};

describe("Traefik values", () => {
  test("MetalLB pool: pool and address annotations, Local policy, default class, chart schema", () => {
    const values = renderTraefikValues(base);
    traefikValuesModel.parse(values);
    const v = values as Values;
    assert.deepEqual(v.service.annotations, {
      "metallb.universe.tf/address-pool": "ingress",
      "metallb.universe.tf/loadBalancerIPs": "192.0.2.240",
      "failover-stacks.io/exposure": "metallb",
    });
    assert.deepEqual(v.service.spec, { type: "LoadBalancer", externalTrafficPolicy: "Local" });
    assert.deepEqual(v.ingressClass, { enabled: true, isDefaultClass: true, name: "traefik" });
    assert.equal(v.deployment.replicas, 2);
    // External services are ExternalName Services; the default class also serves class-less Ingresses.
    assert.deepEqual(v.providers.kubernetesIngress, { enabled: true, allowExternalNameServices: true });
    assert.deepEqual(v.image, { registry: "docker.io", repository: "traefik", tag: "v3.7.11" });
    assert.equal(v.commonLabels, undefined, "not production: no marker");
  });

  test("internal cloud, not default, production, by digest: schema still holds", () => {
    const values = renderTraefikValues({
      ...base,
      className: "traefik-internal",
      defaultClass: false,
      externalTrafficPolicy: "Cluster",
      loadBalancer: { kind: "internal", cloud: "gcp", sourceRanges: ["198.51.100.0/24"] },
      image: { ...base.image, digest: DIGEST },
      production: true,
    });
    traefikValuesModel.parse(values);
    const v = values as Values;
    assert.equal(v.service.annotations["networking.gke.io/load-balancer-type"], "Internal");
    assert.deepEqual(v.service.spec.loadBalancerSourceRanges, ["198.51.100.0/24"]);
    assert.equal(v.providers.kubernetesIngress.ingressClass, "traefik-internal", "serves only its class");
    assert.equal(v.image.digest, DIGEST);
    assert.deepEqual(v.commonLabels, { [PRODUCTION_LABEL]: "true" });
  });

  test("the schema model is strict where the chart's is (a misplaced key fails)", () => {
    const values = renderTraefikValues(base) as Record<string, Record<string, unknown>>;
    assert.throws(() => traefikValuesModel.parse({ ...values, controller: {} }));
    assert.throws(() => traefikValuesModel.parse({ ...values, image: { ...values.image, name: "traefik" } }));
    assert.throws(() =>
      traefikValuesModel.parse({ ...values, image: { ...values.image, digest: "sha256:1" } }),
    );
  });

  test("load-balancer-exposure: pool and internal releases pass, a public default Service fails", async () => {
    const release = (name: string, values: unknown) => resource(RELEASE, name, { chart: "traefik", values });
    const internal = renderTraefikValues({
      ...base,
      loadBalancer: { kind: "internal", cloud: "aws", sourceRanges: [] },
    });
    const violations = await runPolicies(
      [loadBalancerExposure],
      [release("pool", renderTraefikValues(base)), release("internal", internal), release("public", {})],
    );
    assert.deepEqual(
      violations.map((v) => v.urn?.split("::").pop()),
      ["public"],
    );
  });
});

describe("kubernetesServices.traefik in the system", () => {
  const section = () => {
    const s = goodSection();
    delete s.ingressNginx;
    s.traefik = { loadBalancer: { metallbPool: "public", address: "192.0.2.242" } };
    return s;
  };

  test("pinned chart, pool address, waits for the pools, default class for external services", async () => {
    const { recorder, outputs } = await evaluateProgram({
      stack: "unit",
      config: encodeProjectConfig({ kubernetesServices: section() }),
      secretKeys: ["failover-stacks:kubernetesServices"],
    });
    const [release] = recorder.ofType(RELEASE);
    assert.equal(release.inputs.chart, "traefik");
    assert.equal(release.inputs.version, "41.3.0");
    assert.deepEqual(release.inputs.repositoryOpts, { repo: "https://traefik.github.io/charts" });
    assert.equal(release.parent, recorder.ofType("failover:kubernetes:Traefik")[0].urn);
    const values = release.inputs.values as Values;
    traefikValuesModel.parse(values);
    assert.equal(values.service.annotations["metallb.universe.tf/loadBalancerIPs"], "192.0.2.242");
    assert.ok(release.dependsOn.length > 0, "the release waits for the MetalLB pools");
    assert.ok("kubernetesIngressTraefik" in outputs);
    assert.equal("kubernetesIngressNginx" in outputs, false);
    const ingress = recorder.ofType("kubernetes:networking.k8s.io/v1:Ingress")[0];
    assert.equal((ingress.inputs.spec as { ingressClassName?: string }).ingressClassName, "traefik");
  });

  test("production: marked, and with a digest it passes images-by-digest", async () => {
    const s = section();
    (s.traefik as Record<string, unknown>).image = `docker.io/traefik:v3.7.11@${DIGEST}`;
    const { recorder } = await evaluateProgram({
      stack: "unit",
      config: encodeProjectConfig({ production: true, kubernetesServices: s }),
      secretKeys: ["failover-stacks:kubernetesServices"],
    });
    const [release] = recorder.ofType(RELEASE);
    assert.deepEqual((release.inputs.values as Values).commonLabels, { [PRODUCTION_LABEL]: "true" });
    assert.deepEqual(await runPolicies([imagesByDigest], [release]), []);
    const unpinned = structuredClone(release);
    delete (unpinned.inputs.values as Values).image.digest;
    assert.equal((await runPolicies([imagesByDigest], [unpinned])).length, 1);
  });
});
