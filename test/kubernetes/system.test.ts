/** The kubernetesServices system evaluated under mocks: dev and prod stacks and a full section. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateProgram, evaluateStack, type Evaluation } from "../../offline/evaluate";
import {
  kubernetesManifests,
  loadValidators,
  validateWith,
  type ExtraValidator,
} from "../harness/k8s-schema";
import type { RecordedResource } from "../../offline/recorder";
import { goodSection } from "./fixtures";
import { KUBERNETES_KINDS } from "./kinds";
import { metallbModels } from "./metallb-schema";

let models: Record<string, ExtraValidator> = {};
before(async () => {
  models = { ...(await loadValidators(KUBERNETES_KINDS)), ...metallbModels };
});

const RELEASE = "kubernetes:helm.sh/v3:Release";

function assertManifestsValid(evaluation: Evaluation): number {
  // The stack also holds other systems: validate what goes through this system's provider.
  const own = evaluation.recorder.throughProvider("kubernetes-services");
  const manifests = kubernetesManifests(own.filter((r) => !r.read));
  for (const manifest of manifests) validateWith(manifest, models);
  return manifests.length;
}

function assertAllThroughProvider(evaluation: Evaluation): void {
  const provider = evaluation.recorder.named("kubernetes-services");
  assert.equal(provider.type, "pulumi:providers:kubernetes");
  const patterns = ["InternalLoadBalancer", "ExternalService", "MetalLbL2Pool", "IngressNginx"];
  const own = evaluation.recorder.resources.filter(
    (r) =>
      r.type.startsWith("kubernetes:") &&
      evaluation.recorder
        .ancestors(r)
        .some((a) => patterns.some((p) => a.type === `failover:kubernetes:${p}`)),
  );
  assert.ok(own.length > 0);
  for (const r of own) assert.equal(r.provider, provider.urn, `${r.name} uses the default provider`);
}

function one(evaluation: Evaluation, type: string, name: string): RecordedResource {
  const found = evaluation.recorder.ofType(type).filter((r) => r.name === name);
  assert.equal(found.length, 1, `${type} ${name}`);
  return found[0];
}

function spec(r: RecordedResource): Record<string, unknown> {
  return r.inputs.spec as Record<string, unknown>;
}

describe("kubernetesServices: a full section", () => {
  let evaluation: Evaluation;
  before(async () => {
    evaluation = await evaluateProgram({
      stack: "unit",
      config: encodeProjectConfig({ kubernetesServices: goodSection() }),
      secretKeys: ["failover-stacks:kubernetesServices"],
    });
  });

  test("every rendered object passes its schema", () => {
    assert.equal(assertManifestsValid(evaluation), 11);
  });

  test("one explicit provider, every Kubernetes object goes through it, kubeconfig stays secret", () => {
    assertAllThroughProvider(evaluation);
    const provider = evaluation.recorder.ofType("pulumi:providers:kubernetes")[0];
    assert.ok(
      provider.secretPaths.includes("kubeconfig"),
      `kubeconfig not secret: ${provider.secretPaths.join(",")}`,
    );
  });

  test("components are parents of their objects (type tokens failover:kubernetes:*)", () => {
    const byName = (name: string) => evaluation.recorder.named(name);
    const component = one(evaluation, "failover:kubernetes:InternalLoadBalancer", "ilb-shop-api");
    assert.equal(one(evaluation, "kubernetes:core/v1:Service", "ilb-shop-api").parent, component.urn);
    const pool = one(evaluation, "failover:kubernetes:MetalLbL2Pool", "metallb-public");
    assert.equal(byName("metallb-public-l2").parent, pool.urn);
    assert.deepEqual(byName("metallb-public-l2").dependsOn, [byName("metallb-public-pool").urn]);
    const external = one(evaluation, "failover:kubernetes:ExternalService", "ext-external-services-blog");
    assert.equal(
      one(evaluation, "kubernetes:core/v1:Service", "ext-external-services-blog").parent,
      external.urn,
    );
    const ingress = one(evaluation, "failover:kubernetes:IngressNginx", "ingress-nginx");
    assert.equal(one(evaluation, RELEASE, "ingress-nginx").parent, ingress.urn);
  });

  test("IP backend: selector-less Service + EndpointSlice; DNS backend: ExternalName", () => {
    const services = evaluation.recorder.ofType("kubernetes:core/v1:Service");
    const blog = services.find((r) => r.name === "ext-external-services-blog");
    const docs = services.find((r) => r.name === "ext-external-services-docs");
    assert.equal(spec(blog!).type, "ClusterIP");
    assert.equal(spec(blog!).selector, undefined);
    assert.equal(spec(docs!).type, "ExternalName");
    assert.equal(spec(docs!).externalName, "docs.example.net");
    const slices = evaluation.recorder.ofType("kubernetes:discovery.k8s.io/v1:EndpointSlice");
    assert.equal(slices.length, 1);
    const ingress = evaluation.recorder.named("ext-external-services-blog-ingress");
    assert.ok(ingress.dependsOn.includes(slices[0].urn), "the Ingress waits for its endpoints");
    const namespace = one(evaluation, "kubernetes:core/v1:Namespace", "ns-external-services");
    assert.deepEqual(blog!.dependsOn, [namespace.urn], "the Service waits for its namespace");
    assert.equal(spec(ingress).ingressClassName, "nginx", "defaults to ingress-nginx's class");
  });

  test("ingress-nginx: pinned chart and repository, MetalLB pool, waits for the pools", () => {
    const [release] = evaluation.recorder.ofType(RELEASE);
    assert.equal(release.inputs.chart, "ingress-nginx");
    assert.equal(release.inputs.version, "4.15.1");
    assert.deepEqual(release.inputs.repositoryOpts, { repo: "https://kubernetes.github.io/ingress-nginx" });
    const values = release.inputs.values as {
      controller: { service: { annotations: Record<string, string> } };
    };
    assert.equal(values.controller.service.annotations["metallb.universe.tf/address-pool"], "public");
    const component = one(evaluation, "failover:kubernetes:IngressNginx", "ingress-nginx");
    const pools = new Set(
      ["metallb-public", "metallb-internal"].map(
        (n) => one(evaluation, "failover:kubernetes:MetalLbL2Pool", n).urn,
      ),
    );
    // The SDK expands a dependency on a component into its children: both pools' CRs.
    const poolChildren = evaluation.recorder.resources
      .filter((r) => r.parent && pools.has(r.parent))
      .map((r) => r.urn);
    assert.equal(poolChildren.length, 4);
    assert.deepEqual([...component.dependsOn].sort(), poolChildren.sort());
    // ...and the component passes it on: the release itself waits for the pools.
    assert.deepEqual([...release.dependsOn].sort(), poolChildren.sort());
  });

  test("outputs: names, namespaces, addresses and pool ranges", () => {
    const out = evaluation.outputs;
    assert.deepEqual(out.kubernetesInternalLoadBalancers.value, {
      "shop/api": {
        namespace: "shop",
        serviceName: "api",
        address: "<assigned:ilb-shop-api.status.loadBalancer.ingress[0].ip>",
      },
    });
    assert.deepEqual(out.kubernetesMetallbPools.value, {
      public: ["192.0.2.240/28"],
      internal: ["192.0.2.200-192.0.2.220"],
    });
    const ingress = out.kubernetesIngressNginx.value as Record<string, string>;
    assert.equal(ingress.serviceName, "ingress-nginx-controller");
    assert.equal(ingress.address, "<assigned:ingress-nginx-controller.status.loadBalancer.ingress[0].ip>");
    const external = out.kubernetesExternalServices.value as Record<string, Record<string, string>>;
    assert.equal(external["external-services/blog"].backendKind, "EndpointSlice");
    assert.equal(external["external-services/docs"].backendKind, "ExternalName");
  });
});

describe("kubernetesServices: internal load balancer per cloud", () => {
  for (const cloud of ["aws", "aws-lbc", "gcp", "azure", "digitalocean", "openstack"]) {
    test(`${cloud}: a LoadBalancer Service with the cloud's marker and an address output`, async () => {
      const section = goodSection();
      (section.internalLoadBalancers as Array<Record<string, unknown>>)[0].cloud = cloud;
      const { recorder, outputs } = await evaluateProgram({
        stack: "unit",
        config: encodeProjectConfig({
          kubernetesServices: { internalLoadBalancers: section.internalLoadBalancers },
        }),
        secretKeys: ["failover-stacks:kubernetesServices"],
      });
      const [service] = recorder.ofType("kubernetes:core/v1:Service");
      const annotations = (service.inputs.metadata as { annotations: Record<string, string> }).annotations;
      assert.equal(annotations["failover-stacks.io/internal-cloud"], cloud);
      const address = (outputs.kubernetesInternalLoadBalancers.value as Record<string, { address: string }>)[
        "shop/api"
      ].address;
      // AWS load balancers are addressed by DNS name, the others by IP.
      assert.match(address, cloud.startsWith("aws") ? /ingress\[0\]\.hostname/ : /ingress\[0\]\.ip/);
    });
  }
});

for (const stack of ["dev", "prod"]) {
  test(`stack ${stack} evaluates cleanly and its objects pass their schemas`, async () => {
    const evaluation = await evaluateStack(stack);
    assert.ok((evaluation.outputs.systems.value as string[]).includes("kubernetesServices"));
    assert.ok(assertManifestsValid(evaluation) > 0);
    assertAllThroughProvider(evaluation);
    assert.equal(evaluation.recorder.ofType(RELEASE).length, 1);
  });
}

test("prod: ingress-nginx is an internal GKE load balancer limited to its source ranges", async () => {
  const { recorder } = await evaluateStack("prod");
  const [release] = recorder.ofType(RELEASE);
  const service = (release.inputs.values as { controller: { service: Record<string, unknown> } }).controller
    .service;
  assert.equal(
    (service.annotations as Record<string, string>)["networking.gke.io/load-balancer-type"],
    "Internal",
  );
  assert.deepEqual(service.loadBalancerSourceRanges, ["198.51.100.0/24"]);
  const ingress = recorder.ofType("kubernetes:networking.k8s.io/v1:Ingress")[0];
  assert.equal(spec(ingress).ingressClassName, "nginx-internal");
});

test("ingress-nginx disabled: no release and no kubernetesIngressNginx output", async () => {
  const section = goodSection();
  (section.ingressNginx as Record<string, unknown>).enabled = false;
  const { recorder, outputs } = await evaluateProgram({
    stack: "unit",
    config: encodeProjectConfig({ kubernetesServices: section }),
    secretKeys: ["failover-stacks:kubernetesServices"],
  });
  assert.equal(recorder.ofType(RELEASE).length, 0);
  assert.equal("kubernetesIngressNginx" in outputs, false);
  // Without ingress-nginx, external services use the cluster's default IngressClass.
  const ingress = recorder.ofType("kubernetes:networking.k8s.io/v1:Ingress")[0];
  assert.equal(spec(ingress).ingressClassName, undefined);
});
