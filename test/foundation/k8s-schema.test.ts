import assert from "node:assert/strict";
import { test } from "node:test";
import { validateManifest } from "../harness/k8s-schema";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
    },
  },
};

test("validateManifest accepts valid core, apps and GKE objects", async () => {
  await validateManifest(deployment);
  await validateManifest({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s" },
    spec: { ports: [{ port: 80 }] },
  });
  await validateManifest({
    apiVersion: "cloud.google.com/v1",
    kind: "BackendConfig",
    metadata: { name: "bc" },
    spec: { healthCheck: { type: "HTTP", port: 15021, requestPath: "/healthz/ready" } },
  });
});

test("validateManifest rejects schema violations with the schema's message", async () => {
  const broken = structuredClone(deployment);
  (broken.spec.template.spec.containers[0] as { name?: string }).name = undefined;
  delete (broken.spec.template.spec.containers[0] as { name?: string }).name;
  await assert.rejects(validateManifest(broken), /apps\/v1\/Deployment "web" is invalid: .*name/);
  await assert.rejects(
    validateManifest({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { ports: [{ port: "eighty" }] },
    }),
    /is invalid/,
  );
});

test("an unknown kind fails instead of passing unvalidated, unless an extra model covers it", async () => {
  await assert.rejects(validateManifest({ apiVersion: "example.com/v1", kind: "Widget" }), /no schema known/);
  let called = false;
  await validateManifest(
    { apiVersion: "example.com/v1", kind: "Widget" },
    { "example.com/v1/Widget": () => void (called = true) },
  );
  assert.ok(called);
});
