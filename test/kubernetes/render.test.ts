/** The pure renderers: annotations per cloud, manifest shapes, and schema validation of each. */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { INTERNAL_LB_CLOUDS } from "../../components/kubernetes/service-patterns-config";
import { internalLbAnnotations } from "../../components/kubernetes/render/internal-lb-annotations";
import { renderInternalLoadBalancer } from "../../components/kubernetes/render/internal-load-balancer";
import {
  renderBackendService,
  renderEndpointSlice,
  renderIngress,
  renderNamespace,
  type ExternalServiceSpec,
} from "../../components/kubernetes/render/external-service";
import {
  renderIpAddressPool,
  renderL2Advertisement,
  type MetallbPoolSpec,
} from "../../components/kubernetes/render/metallb";
import { renderIngressNginxValues } from "../../components/kubernetes/render/ingress-nginx-values";
import { loadValidators, validateWith, type ExtraValidator, type Manifest } from "../harness/k8s-schema";
import { KUBERNETES_KINDS } from "./kinds";
import { metallbModels } from "./metallb-schema";

/** Expected provider annotations, written out literally (not read from the renderer's table). */
const EXPECTED: Record<string, Record<string, string>> = {
  aws: { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" },
  "aws-lbc": {
    "service.beta.kubernetes.io/aws-load-balancer-type": "external",
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal",
  },
  gcp: { "networking.gke.io/load-balancer-type": "Internal" },
  azure: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
  digitalocean: { "service.beta.kubernetes.io/do-loadbalancer-network": "INTERNAL" },
  openstack: { "service.beta.kubernetes.io/openstack-internal-load-balancer": "true" },
};

const asManifest = (value: object): Manifest => value as unknown as Manifest;

let models: Record<string, ExtraValidator> = {};
before(async () => {
  models = { ...(await loadValidators(KUBERNETES_KINDS)), ...metallbModels };
});
const validateManifest = (manifest: Manifest): void => validateWith(manifest, models);

describe("internal load-balancer annotations per cloud", () => {
  test("the table covers exactly the supported clouds", () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...INTERNAL_LB_CLOUDS].sort());
  });
  for (const [cloud, expected] of Object.entries(EXPECTED)) {
    test(`${cloud}: provider annotations plus our markers`, () => {
      const service = renderInternalLoadBalancer({
        name: "api",
        namespace: "shop",
        cloud: cloud as (typeof INTERNAL_LB_CLOUDS)[number],
        ports: [{ name: "https", port: 443, targetPort: 8443, protocol: "TCP" }],
        selector: { app: "api" },
        sourceRanges: ["198.51.100.0/24"],
      });
      assert.deepEqual(service.metadata.annotations, {
        ...expected,
        "failover-stacks.io/exposure": "internal",
        "failover-stacks.io/internal-cloud": cloud,
      });
      assert.equal(service.spec.type, "LoadBalancer");
      assert.deepEqual(service.spec.loadBalancerSourceRanges, ["198.51.100.0/24"]);
      validateManifest(asManifest(service));
    });
  }
  test("an unknown cloud throws instead of rendering a public Service", () => {
    assert.throws(() => internalLbAnnotations("hetzner" as never), /no internal load-balancer annotation/);
  });
  test("no source ranges leaves the field out (an empty list would read as 'no restriction')", () => {
    const service = renderInternalLoadBalancer({
      name: "api",
      namespace: "shop",
      cloud: "azure",
      ports: [{ port: 80, protocol: "TCP" }],
      selector: { app: "api" },
      sourceRanges: [],
    });
    assert.equal("loadBalancerSourceRanges" in service.spec, false);
    assert.deepEqual(service.spec.ports, [{ port: 80, targetPort: 80, protocol: "TCP" }]);
  });
});

const base: Omit<ExternalServiceSpec, "backend"> = {
  name: "blog",
  namespace: "external-services",
  host: "blog.example.com",
  path: "/",
  pathType: "Prefix",
  tlsSecret: "blog-tls",
  ingressClass: "nginx",
};

describe("external services", () => {
  test("a DNS backend becomes an ExternalName Service, with no EndpointSlice", () => {
    const spec: ExternalServiceSpec = {
      ...base,
      backend: { kind: "dns", dnsName: "blog.example.net", port: 443, protocol: "HTTPS" },
    };
    const service = renderBackendService(spec);
    assert.equal(service.spec.type, "ExternalName");
    assert.equal(service.spec.externalName, "blog.example.net");
    assert.equal(renderEndpointSlice(spec), undefined);
    const ingress = renderIngress(spec);
    // TLS to the backend needs SNI and Host set to the backend's own name, not the client's host.
    assert.deepEqual(ingress.metadata.annotations, {
      "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS",
      "nginx.ingress.kubernetes.io/proxy-ssl-server-name": "on",
      "nginx.ingress.kubernetes.io/proxy-ssl-name": "blog.example.net",
      "nginx.ingress.kubernetes.io/upstream-vhost": "blog.example.net",
    });
    for (const m of [service, ingress, renderNamespace("external-services")]) validateManifest(asManifest(m));
  });

  test("an IP backend becomes a selector-less Service plus a linked EndpointSlice", () => {
    const spec: ExternalServiceSpec = {
      ...base,
      backend: { kind: "address", address: "192.0.2.41", port: 2368, protocol: "HTTP" },
    };
    const service = renderBackendService(spec);
    assert.equal(service.spec.type, "ClusterIP");
    assert.equal(service.spec.selector, undefined);
    const slice = renderEndpointSlice(spec);
    assert.ok(slice);
    assert.equal(slice.metadata.labels?.["kubernetes.io/service-name"], "blog");
    assert.notEqual(
      slice.metadata.labels?.["endpointslice.kubernetes.io/managed-by"],
      "endpointslice-controller.k8s.io",
      "the endpointslice controller would delete a slice that claims to be its own",
    );
    assert.equal(slice.addressType, "IPv4");
    assert.deepEqual(slice.endpoints, [{ addresses: ["192.0.2.41"], conditions: { ready: true } }]);
    // The slice's port name must equal the Service's port name, or kube-proxy matches nothing.
    assert.equal(slice.ports[0].name, service.spec.ports?.[0].name);
    assert.equal(slice.ports[0].port, 2368);
    const ingress = renderIngress(spec);
    assert.equal(ingress.metadata.annotations, undefined);
    assert.deepEqual(ingress.spec, {
      ingressClassName: "nginx",
      tls: [{ hosts: ["blog.example.com"], secretName: "blog-tls" }],
      rules: [
        {
          host: "blog.example.com",
          http: {
            paths: [
              {
                path: "/",
                pathType: "Prefix",
                backend: { service: { name: "blog", port: { number: 2368 } } },
              },
            ],
          },
        },
      ],
    });
    for (const m of [service, slice, ingress]) validateManifest(asManifest(m));
  });

  test("an IPv6 backend gets an IPv6 EndpointSlice", () => {
    const slice = renderEndpointSlice({
      ...base,
      backend: { kind: "address", address: "2001:db8::41", port: 80, protocol: "HTTP" },
    });
    assert.equal(slice?.addressType, "IPv6");
    validateManifest(asManifest(slice ?? {}));
  });

  test("the schema check catches a broken EndpointSlice (it is not a rubber stamp)", () => {
    const slice = renderEndpointSlice({
      ...base,
      backend: { kind: "address", address: "192.0.2.41", port: 80, protocol: "HTTP" },
    });
    assert.throws(() => validateManifest(asManifest({ ...slice, addressType: undefined })), /invalid/);
  });
});

const poolSpec: MetallbPoolSpec = {
  name: "ingress",
  namespace: "metallb-system",
  addresses: ["192.0.2.240/28", "192.0.2.200-192.0.2.219"],
  autoAssign: true,
  avoidBuggyIPs: false,
  interfaces: ["eth0"],
  nodeSelectors: [{ "node-role.kubernetes.io/edge": "" }],
};

describe("MetalLB custom resources", () => {
  test("IPAddressPool and L2Advertisement match the MetalLB schema", () => {
    const pool = renderIpAddressPool(poolSpec);
    const l2 = renderL2Advertisement(poolSpec);
    assert.deepEqual(pool.spec.addresses, poolSpec.addresses);
    assert.deepEqual(l2.spec, {
      ipAddressPools: ["ingress"],
      interfaces: ["eth0"],
      nodeSelectors: [{ matchLabels: { "node-role.kubernetes.io/edge": "" } }],
    });
    validateManifest(asManifest(pool));
    validateManifest(asManifest(l2));
  });

  test("empty interface and node lists are left out (MetalLB reads absence as 'all')", () => {
    const l2 = renderL2Advertisement({ ...poolSpec, interfaces: [], nodeSelectors: [] });
    assert.deepEqual(l2.spec, { ipAddressPools: ["ingress"] });
  });

  test("the MetalLB schema rejects broken objects", () => {
    const pool = renderIpAddressPool(poolSpec);
    const l2 = renderL2Advertisement(poolSpec);
    const broken: object[] = [
      { ...pool, spec: { ...pool.spec, addresses: [] } },
      { ...pool, spec: { ...pool.spec, addresses: ["192.0.2.300/28"] } },
      { ...pool, spec: { ...pool.spec, autoassign: true } },
      { ...pool, metadata: { name: "ingress" } },
      { ...l2, spec: { ...l2.spec, ipAddressPool: ["ingress"] } },
      { ...l2, spec: { ...l2.spec, nodeSelectors: [{ "node-role.kubernetes.io/edge": "" }] } },
      { ...l2, apiVersion: "metallb.io/v1alpha1" },
    ];
    for (const object of broken) {
      assert.throws(() => validateManifest(asManifest(object)), /invalid|no schema/);
    }
  });
});

const NGINX_IMAGE = {
  registry: "registry.k8s.io",
  path: "ingress-nginx/controller",
  tag: "v1.15.1",
  digest: `sha256:${"ab".repeat(32)}`,
};

describe("ingress-nginx values", () => {
  test("MetalLB pool: pool and address annotations, Local traffic policy, class flags", () => {
    const values = renderIngressNginxValues({
      className: "nginx",
      defaultClass: true,
      replicas: 2,
      externalTrafficPolicy: "Local",
      loadBalancer: { kind: "metallb", pool: "ingress", address: "192.0.2.240", sourceRanges: [] },
      image: NGINX_IMAGE,
    }) as { controller: Record<string, unknown>; fullnameOverride: string };
    assert.equal(values.fullnameOverride, "ingress-nginx");
    assert.deepEqual(values.controller.ingressClassResource, { name: "nginx", enabled: true, default: true });
    assert.equal(values.controller.watchIngressWithoutClass, true);
    assert.deepEqual(values.controller.service, {
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      annotations: {
        "metallb.universe.tf/address-pool": "ingress",
        "metallb.universe.tf/loadBalancerIPs": "192.0.2.240",
        "failover-stacks.io/exposure": "metallb",
      },
    });
  });

  test("internal cloud: the cloud's internal annotations and source ranges", () => {
    const values = renderIngressNginxValues({
      className: "nginx-internal",
      defaultClass: false,
      replicas: 3,
      externalTrafficPolicy: "Cluster",
      loadBalancer: { kind: "internal", cloud: "aws-lbc", sourceRanges: ["198.51.100.0/24"] },
      image: NGINX_IMAGE,
    }) as { controller: { service: Record<string, unknown>; watchIngressWithoutClass: boolean } };
    assert.equal(values.controller.watchIngressWithoutClass, false);
    assert.deepEqual(values.controller.service.loadBalancerSourceRanges, ["198.51.100.0/24"]);
    assert.equal(
      (values.controller.service.annotations as Record<string, string>)[
        "service.beta.kubernetes.io/aws-load-balancer-scheme"
      ],
      "internal",
    );
  });
});
