import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { renderGateway, renderHealthCheckPolicy, renderHttpRoute } from "../../components/gcp/render/gateway";
import {
  renderBackendConfig,
  renderMultiClusterIngress,
  renderMultiClusterService,
} from "../../components/gcp/render/mci";
import { renderNamespace } from "../../components/gcp/render/namespace";
import { planIngress } from "../../components/gcp/render/plan";
import { ISTIO_PROBE, PORTS, planInput } from "./fixtures";

describe("MCI renderers", () => {
  test("MultiClusterService: all ports incl. the status port, selector, BackendConfig annotation as JSON", () => {
    const mcs = renderMultiClusterService({
      name: "istio-ingressgateway",
      namespace: "istio-gateway",
      app: "ingress",
      ports: PORTS,
      selector: { istio: "ingressgateway" },
      backendConfigName: "istio-ingressgateway-backendconfig",
      clusterLinks: [],
    });
    assert.equal(mcs.apiVersion, "networking.gke.io/v1");
    const spec = mcs.spec as { template: { spec: { ports: Array<{ name: string }>; selector: unknown } } };
    assert.deepEqual(
      spec.template.spec.ports.map((p) => p.name),
      ["status-port", "http2"],
    );
    assert.deepEqual(spec.template.spec.selector, { istio: "ingressgateway" });
    assert.deepEqual(JSON.parse(mcs.metadata.annotations?.["cloud.google.com/backend-config"] ?? ""), {
      default: "istio-ingressgateway-backendconfig",
    });
    assert.equal("clusters" in (mcs.spec ?? {}), false, "no subset: every member serves");
  });

  test("MultiClusterService: spec.clusters links for a subset", () => {
    const mcs = renderMultiClusterService({
      name: "a",
      namespace: "b",
      app: "c",
      ports: PORTS,
      selector: {},
      backendConfigName: "a-backendconfig",
      clusterLinks: ["us-central1-b/gke-us"],
    });
    assert.deepEqual(mcs.spec?.clusters, [{ link: "us-central1-b/gke-us" }]);
  });

  test("BackendConfig: the Istio status probe", () => {
    const bc = renderBackendConfig({ name: "x", namespace: "n", app: "a", healthCheck: ISTIO_PROBE });
    assert.deepEqual(bc.spec, { healthCheck: { type: "HTTP", port: 15021, requestPath: "/healthz/ready" } });
  });

  test("MultiClusterIngress: static IP, pre-shared certs, default backend and host rules", () => {
    const plain = renderMultiClusterIngress({
      name: "gw",
      namespace: "n",
      app: "a",
      serviceName: "gw",
      servicePort: 80,
      preSharedCerts: [],
      hosts: [],
    });
    assert.equal(plain.metadata.annotations, undefined, "no VIP, no TLS: no annotations");
    assert.deepEqual(plain.spec, { template: { spec: { backend: { serviceName: "gw", servicePort: 80 } } } });

    const full = renderMultiClusterIngress({
      name: "gw",
      namespace: "n",
      app: "a",
      serviceName: "gw",
      servicePort: 80,
      staticIp: "203.0.113.10",
      preSharedCerts: ["shop-managed", "shop-own"],
      hosts: ["shop.example.com"],
    });
    assert.deepEqual(full.metadata.annotations, {
      "networking.gke.io/static-ip": "203.0.113.10",
      "networking.gke.io/pre-shared-certs": "shop-managed,shop-own",
    });
    const spec = full.spec as { template: { spec: { rules: Array<{ host: string }> } } };
    assert.deepEqual(
      spec.template.spec.rules.map((r) => r.host),
      ["shop.example.com"],
    );
  });

  test("Namespace: istio.io/rev with a revision, never istio-injection", () => {
    const withRev = renderNamespace("gw", "a", "asm-1175-9");
    assert.equal(withRev.metadata.labels?.["istio.io/rev"], "asm-1175-9");
    assert.equal("istio-injection" in (withRev.metadata.labels ?? {}), false);
    const without = renderNamespace("gw", "a");
    assert.equal("istio.io/rev" in (without.metadata.labels ?? {}), false);
    assert.equal("istio-injection" in (without.metadata.labels ?? {}), false);
  });
});

describe("Gateway renderers", () => {
  test("Gateway: the multi-cluster class, the named static address, HTTPS only with certificates", () => {
    const gw = renderGateway({
      name: "g",
      namespace: "n",
      app: "a",
      addressName: "ingress-vip",
      preSharedCerts: [],
    });
    assert.equal(gw.spec?.gatewayClassName, "gke-l7-global-external-managed-mc");
    assert.deepEqual(gw.spec?.addresses, [{ type: "NamedAddress", value: "ingress-vip" }]);
    assert.deepEqual(
      (gw.spec?.listeners as Array<{ protocol: string }>).map((l) => l.protocol),
      ["HTTP"],
    );
    const tls = renderGateway({ name: "g", namespace: "n", app: "a", preSharedCerts: ["c1", "c2"] });
    const https = (tls.spec?.listeners as Array<Record<string, unknown>>)[1];
    assert.deepEqual(https.tls, {
      mode: "Terminate",
      options: { "networking.gke.io/pre-shared-certs": "c1,c2" },
    });
    assert.equal("addresses" in (tls.spec ?? {}), false);
  });

  test("HTTPRoute goes to the ServiceImport; HealthCheckPolicy targets it", () => {
    const route = renderHttpRoute({
      name: "r",
      namespace: "n",
      app: "a",
      gatewayName: "g",
      serviceName: "svc",
      servicePort: 80,
      hosts: ["shop.example.com"],
    });
    assert.deepEqual(route.spec?.rules, [
      { backendRefs: [{ group: "net.gke.io", kind: "ServiceImport", name: "svc", port: 80 }] },
    ]);
    assert.deepEqual(route.spec?.hostnames, ["shop.example.com"]);
    const policy = renderHealthCheckPolicy({
      name: "p",
      namespace: "n",
      app: "a",
      serviceName: "svc",
      healthCheck: ISTIO_PROBE,
    });
    assert.deepEqual(policy.spec?.targetRef, { group: "net.gke.io", kind: "ServiceImport", name: "svc" });
    const https = renderHealthCheckPolicy({
      name: "p",
      namespace: "n",
      app: "a",
      serviceName: "svc",
      healthCheck: { ...ISTIO_PROBE, protocol: "HTTPS" },
    });
    assert.ok("httpsHealthCheck" in (https.spec?.default as { config: object }).config);
  });
});

describe("planIngress", () => {
  test("MCI mode: ingress objects in the config cluster, nothing but the namespace elsewhere", () => {
    const plan = planIngress(planInput);
    assert.deepEqual(
      plan.configCluster.map((o) => o.kind),
      ["BackendConfig", "MultiClusterService", "MultiClusterIngress"],
    );
    assert.deepEqual([...plan.members.values()], [[], []]);
    assert.equal(plan.namespace.metadata.name, "istio-gateway");
  });

  test("gateway mode: a ServiceExport per serving member", () => {
    const plan = planIngress({ ...planInput, mode: "gateway", clustersSubset: ["gke-us"] });
    assert.deepEqual(
      plan.configCluster.map((o) => o.kind),
      ["Gateway", "HTTPRoute", "HealthCheckPolicy"],
    );
    assert.deepEqual(plan.members.get("gke-eu"), []);
    assert.deepEqual(
      plan.members.get("gke-us")?.map((o) => o.kind),
      ["ServiceExport"],
    );
  });

  test("MCI subset becomes spec.clusters links", () => {
    const plan = planIngress({ ...planInput, clustersSubset: ["gke-us"] });
    const mcs = plan.configCluster.find((o) => o.kind === "MultiClusterService");
    assert.deepEqual(mcs?.spec?.clusters, [{ link: "us-central1-b/gke-us" }]);
  });
});
