/**
 * Every Kubernetes manifest the synth writes under out/<stack>/artifacts is what the API server
 * receives: wire names (scripts/synth/wire.ts restates the provider's renaming) and valid against
 * the schema of its kind, read back from the YAML file itself.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { deriveArtifacts, type Artifact } from "../../scripts/synth/artifacts";
import { toWireForm } from "../../scripts/synth/wire";
import { renderStaticRouteCrd } from "../../components/digitalocean/render/static-route-operator";
import { evaluateStack } from "../../offline/evaluate";
import { findModel, validateManifest, type ExtraValidator, type Manifest } from "../harness/k8s-schema";
import { assertWireForm } from "../harness/k8s-wire";
import { exampleStacks } from "../../offline/stacks";
import { gkeExtraModels } from "../gke/mci-schema";
import { metallbModels } from "../kubernetes/metallb-schema";

/** Kinds with no schema in this repository's tests outside their own system's test. */
const OWN_SYSTEM_ONLY: Record<string, string> = {
  "networking.digitalocean.com/v1/StaticRoute": "test/digitalocean/manifests.test.ts",
  "networking.doks.digitalocean.com/v1alpha1/Route": "test/digitalocean/manifests.test.ts",
};
const extraModels: Record<string, ExtraValidator> = { ...gkeExtraModels, ...metallbModels };

/**
 * Offline, cloud-assigned addresses are placeholders; a documentation address stands in so the
 * schema can check the field's syntax. Any other placeholder fails the test.
 */
function withStandIns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withStandIns);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withStandIns(v)]));
  if (typeof value !== "string" || !value.includes("<assigned")) return value;
  assert.match(value, /^<assigned:[^>]+\.(address|ipv4Address\w*)>$/, "only address placeholders are known");
  return "192.0.2.1";
}

const isManifest = (a: Artifact) =>
  a.path.startsWith("kubernetes/") && a.path.endsWith(".yaml") && !/\/helm-[^/]*$/.test(a.path);

describe("synth artifacts are in wire form", () => {
  for (const stack of exampleStacks()) {
    test(`${stack}: every manifest file is what the API server receives, and valid as such`, async () => {
      const { recorder } = await evaluateStack(stack);
      const manifests = deriveArtifacts(recorder.resources).filter(isManifest);
      assert.ok(manifests.length > 0, "the stack writes manifests");
      for (const artifact of manifests) {
        const manifest = parse(artifact.content) as Manifest;
        assert.ok(manifest.apiVersion && manifest.kind, `${artifact.path}: apiVersion and kind`);
        assertWireForm(manifest, artifact.path);
        const key = `${manifest.apiVersion}/${manifest.kind}`;
        if (key in OWN_SYSTEM_ONLY) continue;
        assert.ok(key in extraModels || (await findModel(manifest.apiVersion, manifest.kind)), key);
        await validateManifest(withStandIns(manifest) as Manifest, extraModels);
      }
    });
  }
});

describe("wire-form conversion", () => {
  const crd = renderStaticRouteCrd() as unknown as Manifest;

  test("the SDK-spelled CRD fails the wire check (the check above can fail)", () => {
    assert.throws(
      () => assertWireForm(crd, "crd"),
      /status\.x_kubernetes_preserve_unknown_fields: SDK spelling/,
    );
  });

  test("renames the provider's seven keys at every depth and nothing else", () => {
    const wire = toWireForm(crd);
    assert.doesNotThrow(() => assertWireForm(wire, "crd"));
    const schema = (wire.spec as { versions: Array<{ schema: { openAPIV3Schema: unknown } }> }).versions[0]
      .schema.openAPIV3Schema as { properties: { status: Record<string, unknown> } };
    assert.equal(schema.properties.status["x-kubernetes-preserve-unknown-fields"], true);
    const nested = {
      $ref: "#/definitions/a",
      items: [{ x_kubernetes_list_type: "map", x_kubernetes_list_map_keys: ["name"] }],
      x_other: 1,
    };
    assert.deepEqual(toWireForm(nested), {
      $ref: "#/definitions/a",
      items: [{ "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"] }],
      x_other: 1,
    });
  });

  test("a CRD schema key that JSONSchemaProps lacks is refused", () => {
    const wire = toWireForm(crd) as Manifest & {
      spec: { versions: Array<{ schema: { openAPIV3Schema: object } }> };
    };
    const bad = structuredClone(wire);
    Object.assign(bad.spec.versions[0].schema.openAPIV3Schema, { preserveUnknownFields: true });
    assert.throws(
      () => assertWireForm(bad, "crd"),
      /openAPIV3Schema\.preserveUnknownFields: not a JSONSchemaProps field/,
    );
  });
});
