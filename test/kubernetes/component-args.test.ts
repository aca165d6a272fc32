/**
 * The kubernetes components take analyzable args (one interface with exclusive optional fields
 * instead of a union of objects); these conversions turn them into the renderers' unions and name
 * the bad argument. The controller components extend ComponentResource directly (the SDK's
 * component analyzer recognises no other base).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import {
  backendKindOf,
  toExternalBackend,
  toIngressLoadBalancer,
  toServicePort,
} from "../../components/kubernetes/component-args";
import { IngressNginx } from "../../components/kubernetes/ingress-nginx";
import { Traefik } from "../../components/kubernetes/traefik";

describe("component args", () => {
  test("a backend is a DNS name or an address, never both or neither", () => {
    assert.deepEqual(
      toExternalBackend("ext", { dnsName: "docs.example.com", port: 443, protocol: "HTTPS" }),
      {
        kind: "dns",
        dnsName: "docs.example.com",
        port: 443,
        protocol: "HTTPS",
      },
    );
    assert.deepEqual(toExternalBackend("ext", { address: "192.0.2.10", port: 80, protocol: "HTTP" }), {
      kind: "address",
      address: "192.0.2.10",
      port: 80,
      protocol: "HTTP",
    });
    assert.equal(
      backendKindOf({ dnsName: "docs.example.com", port: 443, protocol: "HTTPS" }),
      "ExternalName",
    );
    assert.equal(backendKindOf({ address: "192.0.2.10", port: 80, protocol: "HTTP" }), "EndpointSlice");
    assert.throws(
      () =>
        toExternalBackend("ext-a", {
          dnsName: "a.example.com",
          address: "192.0.2.1",
          port: 80,
          protocol: "HTTP",
        }),
      /ext-a: backend needs exactly one of dnsName and address/,
    );
    assert.throws(() => toExternalBackend("ext-b", { port: 80, protocol: "HTTP" }), /ext-b: backend/);
  });

  test("a target port is a number or a name", () => {
    assert.deepEqual(toServicePort("ilb", { port: 443, targetPortName: "https", protocol: "TCP" }), {
      port: 443,
      targetPort: "https",
      protocol: "TCP",
    });
    assert.deepEqual(toServicePort("ilb", { name: "dns", port: 53, protocol: "UDP" }), {
      name: "dns",
      port: 53,
      protocol: "UDP",
    });
    assert.throws(
      () => toServicePort("ilb", { port: 443, targetPort: 8443, targetPortName: "https", protocol: "TCP" }),
      /ilb: ports\[\]\.targetPort and targetPortName are exclusive/,
    );
  });

  test("a controller's load balancer is a MetalLB pool or a cloud's internal one, never neither", () => {
    assert.deepEqual(toIngressLoadBalancer("nginx", { metallbPool: "ingress", address: "192.0.2.240" }), {
      kind: "metallb",
      pool: "ingress",
      address: "192.0.2.240",
      sourceRanges: [],
    });
    assert.deepEqual(toIngressLoadBalancer("nginx", { internalCloud: "gcp", sourceRanges: ["10.0.0.0/8"] }), {
      kind: "internal",
      cloud: "gcp",
      sourceRanges: ["10.0.0.0/8"],
    });
    assert.throws(() => toIngressLoadBalancer("nginx", {}), /nginx: loadBalancer has neither/);
  });

  test("the controller components extend ComponentResource directly", () => {
    for (const component of [IngressNginx, Traefik]) {
      assert.equal(Object.getPrototypeOf(component), pulumi.ComponentResource, component.name);
    }
  });
});
