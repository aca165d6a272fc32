/**
 * The component's wiring, read from the recorder: ordering (dependsOn), placement (provider), the
 * GCP resources' inputs and the stack outputs.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Evaluation } from "../../offline/evaluate";
import { evaluateStack } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recorder";
import { evaluateGke, k8sObjects, providerName } from "./evaluate-gke";
import { FAKE_KUBECONFIG, validGke } from "./fixtures";

const MEMBERSHIP = "gcp:gkehub/membership:Membership";
const FEATURE = "gcp:gkehub/feature:Feature";
const CONFIG_PROVIDER = "ingress-gke-eu-k8s";

function one(evaluation: Evaluation, type: string): RecordedResource {
  const found = evaluation.recorder.ofType(type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0];
}

function kindOf(record: RecordedResource): string {
  return String(record.inputs.kind);
}

describe("MCI mode", () => {
  test("the feature waits for every created membership; config cluster objects wait for namespace and feature", async () => {
    const evaluation = await evaluateGke(validGke());
    const memberships = evaluation.recorder.ofType(MEMBERSHIP);
    assert.deepEqual(
      memberships.map((m) => m.inputs.membershipId),
      ["gke-eu"],
      "only the cluster with source: create is registered here",
    );
    const feature = one(evaluation, FEATURE);
    for (const m of memberships)
      assert.ok(feature.dependsOn.includes(m.urn), `feature does not wait for ${m.name}`);
    assert.equal(feature.inputs.name, "multiclusteringress");
    assert.equal(feature.inputs.location, "global");

    const objects = k8sObjects(evaluation).filter((r) => kindOf(r) !== "Namespace");
    assert.deepEqual(objects.map(kindOf).sort(), [
      "BackendConfig",
      "MultiClusterIngress",
      "MultiClusterService",
    ]);
    const configNamespace = evaluation.recorder.named("ingress-gke-eu-namespace");
    const agentRole = evaluation.recorder.named("ingress-mci-agent-container-admin");
    for (const object of objects) {
      assert.ok(
        object.dependsOn.includes(configNamespace.urn),
        `${object.name} does not wait for the namespace`,
      );
      assert.ok(object.dependsOn.includes(feature.urn), `${object.name} does not wait for the feature`);
      assert.ok(
        object.dependsOn.includes(agentRole.urn),
        `${object.name} does not wait for the MCI agent's role`,
      );
      assert.equal(
        providerName(evaluation, object),
        CONFIG_PROVIDER,
        `${object.name} is not in the config cluster`,
      );
    }
  });

  test("member clusters get nothing but the namespace", async () => {
    const evaluation = await evaluateGke(validGke());
    const elsewhere = k8sObjects(evaluation).filter((r) => providerName(evaluation, r) !== CONFIG_PROVIDER);
    assert.deepEqual(elsewhere.map((r) => `${providerName(evaluation, r)}:${kindOf(r)}`).sort(), [
      "ingress-gke-asia-k8s:Namespace",
      "ingress-gke-us-k8s:Namespace",
    ]);
    for (const ns of k8sObjects(evaluation).filter((r) => kindOf(r) === "Namespace")) {
      const labels = (ns.inputs.metadata as { labels: Record<string, string> }).labels;
      assert.equal(labels["istio.io/rev"], "asm-1175-9");
      assert.equal("istio-injection" in labels, false);
    }
  });

  test("membership sources: created, from cluster.fleet (normalised), existing (normalised)", async () => {
    const { outputs, recorder } = await evaluateGke(validGke());
    const memberships = outputs.memberships.value as Record<string, string>;
    assert.equal(memberships["gke-eu"], "projects/failover-dev-123/locations/global/memberships/gke-eu");
    assert.match(
      memberships["gke-us"],
      /^projects\/<assigned:[^>]+>\/locations\/<assigned:[^>]+>\/memberships\/gke-us$/,
    );
    assert.equal(memberships["gke-asia"], "projects/failover-dev-123/locations/global/memberships/gke-asia");
    const read = recorder.ofType("gcp:container/cluster:Cluster");
    assert.deepEqual(
      read.map((r) => r.read),
      [true],
      "the fleet-registered cluster is read, not managed",
    );
    const created = recorder.ofType(MEMBERSHIP)[0];
    assert.deepEqual(created.inputs.endpoint, {
      gkeCluster: {
        resourceLink:
          "//container.googleapis.com/projects/failover-dev-123/locations/europe-west1/clusters/gke-eu",
      },
    });
  });

  test("outputs: VIP, status VIP, config membership, memberships", async () => {
    const { outputs, recorder } = await evaluateGke(validGke());
    assert.equal(outputs.ingressVip.value, "<assigned:ingress-vip.address>");
    const mci = recorder.resources.find(
      (r) => r.type === "kubernetes:networking.gke.io/v1:MultiClusterIngress",
    );
    assert.ok(mci);
    assert.equal(outputs.ingressStatusVip.value, `<assigned:${mci.name}.status.VIP>`);
    assert.equal(
      outputs.configMembership.value,
      "projects/failover-dev-123/locations/global/memberships/gke-eu",
    );
    const feature = recorder.ofType(FEATURE)[0];
    assert.deepEqual(feature.inputs.spec, {
      multiclusteringress: { configMembership: outputs.configMembership.value },
    });
    assert.equal(Object.keys(outputs.memberships.value as object).length, 3);
  });

  test("a fleet-registered config cluster's membership is normalised into the feature", async () => {
    const gke = { ...validGke(), configCluster: "gke-us" };
    const { outputs, recorder } = await evaluateGke(gke);
    const configMembership = outputs.configMembership.value as string;
    assert.ok(configMembership.startsWith("projects/"), configMembership);
    assert.ok(!configMembership.includes("gkehub.googleapis.com"));
    const feature = recorder.ofType(FEATURE)[0];
    assert.equal(
      (feature.inputs.spec as { multiclusteringress: { configMembership: string } }).multiclusteringress
        .configMembership,
      configMembership,
    );
    const mcs = recorder.resources.find(
      (r) => r.type === "kubernetes:networking.gke.io/v1:MultiClusterService",
    );
    assert.equal(providerName({ outputs, recorder }, mcs as RecordedResource), "ingress-gke-us-k8s");
  });

  test("APIs stay enabled on destroy; the MCI agent gets container.admin", async () => {
    const evaluation = await evaluateGke(validGke());
    const apis = evaluation.recorder.ofType("gcp:projects/service:Service");
    assert.deepEqual(apis.map((a) => a.inputs.service).sort(), [
      "compute.googleapis.com",
      "container.googleapis.com",
      "gkehub.googleapis.com",
      "multiclusteringress.googleapis.com",
      "multiclusterservicediscovery.googleapis.com",
      "trafficdirector.googleapis.com",
    ]);
    for (const api of apis) assert.equal(api.inputs.disableOnDestroy, false);
    const agent = one(evaluation, "gcp:projects/serviceIdentity:ServiceIdentity");
    assert.equal(agent.inputs.service, "multiclusteringress.googleapis.com");
    const binding = one(evaluation, "gcp:projects/iAMMember:IAMMember");
    assert.equal(binding.inputs.role, "roles/container.admin");
    assert.equal(binding.inputs.member, "serviceAccount:<assigned:ingress-mci-agent.email>");
  });

  test("the firewall admits Google's health checkers to the serving and health pod ports", async () => {
    const evaluation = await evaluateGke({ ...validGke(), targetTags: ["gke-node"] });
    const firewall = one(evaluation, "gcp:compute/firewall:Firewall");
    assert.deepEqual(firewall.inputs.sourceRanges, ["130.211.0.0/22", "35.191.0.0/16"]);
    assert.deepEqual(firewall.inputs.allows, [{ protocol: "tcp", ports: ["8080", "15021"] }]);
    assert.equal(firewall.inputs.network, "prod-vpc");
    assert.deepEqual(firewall.inputs.targetTags, ["gke-node"]);
  });

  test("kubeconfigs reach the providers as secrets", async () => {
    const { recorder } = await evaluateGke(validGke());
    const provider = recorder.named(CONFIG_PROVIDER);
    assert.equal(provider.inputs.kubeconfig, FAKE_KUBECONFIG);
    assert.ok(provider.secretPaths.includes("kubeconfig"));
    assert.equal(recorder.named("ingress-gke-us-k8s").inputs.context, "gke-us");
  });

  test("TLS: managed and self-managed certificates end up in pre-shared-certs; the private key is secret", async () => {
    const evaluation = await evaluateGke({
      ...validGke(),
      tls: {
        preSharedCerts: ["legacy-cert"],
        managedDomains: ["shop.example.com"],
        selfManaged: [
          { name: "own-cert", certificate: "-----BEGIN CERTIFICATE-----\nfake\n", privateKey: "fake-key" },
        ],
      },
    });
    const mci = evaluation.recorder.resources.find(
      (r) => r.type === "kubernetes:networking.gke.io/v1:MultiClusterIngress",
    );
    const annotations = (mci?.inputs.metadata as { annotations: Record<string, string> }).annotations;
    assert.equal(
      annotations["networking.gke.io/pre-shared-certs"],
      "legacy-cert,ingress-managed-cert,own-cert",
    );
    const managed = one(evaluation, "gcp:compute/managedSslCertificate:ManagedSslCertificate");
    assert.deepEqual(managed.inputs.managed, { domains: ["shop.example.com"] });
    const own = one(evaluation, "gcp:compute/sSLCertificate:SSLCertificate");
    assert.ok(own.secretPaths.includes("privateKey"));
  });

  test("an existing address is read, not created; no static IP means the status VIP is the VIP", async () => {
    const existing = await evaluateGke({ ...validGke(), staticIp: { create: false, name: "shop-vip" } });
    const address = one(existing, "gcp:compute/globalAddress:GlobalAddress");
    assert.equal(address.read, true);
    assert.equal(existing.outputs.ingressVip.value, "<assigned:shop-vip.address>");

    const ephemeral = await evaluateGke({ ...validGke(), staticIp: { create: false } });
    assert.equal(ephemeral.recorder.ofType("gcp:compute/globalAddress:GlobalAddress").length, 0);
    assert.equal(ephemeral.outputs.ingressVip.value, ephemeral.outputs.ingressStatusVip.value);
    const mci = ephemeral.recorder.resources.find(
      (r) => r.type === "kubernetes:networking.gke.io/v1:MultiClusterIngress",
    );
    assert.deepEqual(
      (mci?.inputs.metadata as { annotations?: object }).annotations ?? {},
      {},
      "no static-ip annotation",
    );
  });

  test("production protects the reserved VIP", async () => {
    const dev = await evaluateGke(validGke());
    assert.equal(one(dev, "gcp:compute/globalAddress:GlobalAddress").protect, false);
    const prod = await evaluateGke(validGke(), true);
    assert.equal(one(prod, "gcp:compute/globalAddress:GlobalAddress").protect, true);
  });
});

describe("moving the config cluster", () => {
  const placed = (e: Evaluation) =>
    k8sObjects(e)
      .filter((r) => kindOf(r) !== "Namespace")
      .map((r) => `${providerName(e, r)}:${kindOf(r)}`)
      .sort();

  test("a standby config cluster holds an identical copy", async () => {
    const evaluation = await evaluateGke({ ...validGke(), standbyConfigCluster: "gke-us" });
    assert.deepEqual(placed(evaluation), [
      "ingress-gke-eu-k8s:BackendConfig",
      "ingress-gke-eu-k8s:MultiClusterIngress",
      "ingress-gke-eu-k8s:MultiClusterService",
      "ingress-gke-us-k8s:BackendConfig",
      "ingress-gke-us-k8s:MultiClusterIngress",
      "ingress-gke-us-k8s:MultiClusterService",
    ]);
    const byProvider = (p: string) =>
      k8sObjects(evaluation)
        .filter((r) => providerName(evaluation, r) === p && kindOf(r) !== "Namespace")
        .map((r) => JSON.stringify(r.inputs));
    assert.deepEqual(byProvider("ingress-gke-us-k8s"), byProvider("ingress-gke-eu-k8s"));
  });

  test("swapping config and standby changes the feature but no Kubernetes object's name", async () => {
    const before = await evaluateGke({ ...validGke(), standbyConfigCluster: "gke-us" });
    const after = await evaluateGke({
      ...validGke(),
      configCluster: "gke-us",
      standbyConfigCluster: "gke-eu",
    });
    const names = (e: Evaluation) =>
      k8sObjects(e)
        .map((r) => r.urn)
        .sort();
    assert.deepEqual(names(after), names(before), "same URNs: nothing is deleted or recreated by the swap");
    const spec = (e: Evaluation) =>
      one(e, FEATURE).inputs.spec as { multiclusteringress: { configMembership: string } };
    assert.notEqual(
      spec(after).multiclusteringress.configMembership,
      spec(before).multiclusteringress.configMembership,
    );
  });

  test("namespaces are retained on delete, so dropping a cluster keeps its workloads", async () => {
    const evaluation = await evaluateGke(validGke());
    for (const ns of k8sObjects(evaluation).filter((r) => kindOf(r) === "Namespace")) {
      assert.equal(ns.retainOnDelete, true, ns.name);
    }
  });
});

describe("gateway mode", () => {
  test("Gateway, HTTPRoute, HealthCheckPolicy in the config cluster; a ServiceExport per serving member", async () => {
    const evaluation = await evaluateGke({
      ...validGke(),
      mode: "gateway",
      clustersSubset: ["gke-eu", "gke-us"],
    });
    const placed = k8sObjects(evaluation)
      .map((r) => `${providerName(evaluation, r)}:${kindOf(r)}`)
      .sort();
    assert.deepEqual(placed, [
      "ingress-gke-asia-k8s:Namespace",
      "ingress-gke-eu-k8s:Gateway",
      "ingress-gke-eu-k8s:HTTPRoute",
      "ingress-gke-eu-k8s:HealthCheckPolicy",
      "ingress-gke-eu-k8s:Namespace",
      "ingress-gke-eu-k8s:ServiceExport",
      "ingress-gke-us-k8s:Namespace",
      "ingress-gke-us-k8s:ServiceExport",
    ]);
    const features = evaluation.recorder.ofType(FEATURE);
    assert.deepEqual(features.map((f) => f.inputs.name).sort(), [
      "multiclusteringress",
      "multiclusterservicediscovery",
    ]);
    for (const exported of k8sObjects(evaluation).filter((r) => kindOf(r) === "ServiceExport")) {
      for (const feature of features) assert.ok(exported.dependsOn.includes(feature.urn));
      const namespace = k8sObjects(evaluation).find(
        (r) => kindOf(r) === "Namespace" && r.provider === exported.provider,
      );
      assert.ok(
        namespace && exported.dependsOn.includes(namespace.urn),
        `${exported.name} does not wait for its namespace`,
      );
    }
    const gateway = k8sObjects(evaluation).find((r) => kindOf(r) === "Gateway");
    assert.deepEqual((gateway?.inputs.spec as { addresses: unknown }).addresses, [
      { type: "NamedAddress", value: "ingress-vip" },
    ]);
    assert.equal(
      evaluation.outputs.ingressStatusVip.value,
      `<assigned:${gateway?.name}.status.addresses[0].value>`,
    );
    assert.equal(evaluation.outputs.ingressVip.value, "<assigned:ingress-vip.address>");
  });

  test("switching the mode keeps the fleet, the VIP and the firewall (same names)", async () => {
    const gcpNames = (e: Evaluation) =>
      e.recorder.resources.filter((r) => r.type.startsWith("gcp:")).map((r) => `${r.type}::${r.name}`);
    const mci = new Set(gcpNames(await evaluateGke(validGke())));
    const gateway = gcpNames(await evaluateGke({ ...validGke(), mode: "gateway" }));
    for (const name of mci) assert.ok(gateway.includes(name), `${name} would be replaced by the mode switch`);
  });
});

describe("the stack files", () => {
  for (const stack of ["dev", "prod"]) {
    test(`${stack} evaluates with the gke section`, async () => {
      const { outputs, recorder } = await evaluateStack(stack);
      assert.ok((outputs.systems.value as string[]).includes("gke"));
      for (const key of ["ingressVip", "ingressStatusVip", "configMembership", "memberships"]) {
        assert.ok(outputs[key]?.value, `${stack} lacks output ${key}`);
      }
      assert.ok(recorder.ofType("failover:gcp:MultiClusterIngress").length === 1);
      const feature = recorder.ofType(FEATURE)[0];
      const memberships = recorder.ofType(MEMBERSHIP);
      assert.ok(memberships.length >= 1);
      for (const m of memberships)
        assert.ok(feature.dependsOn.includes(m.urn), `feature does not wait for ${m.name}`);
    });
  }
});
