/**
 * images-by-digest: production pod workloads and Helm releases pull images by digest. Production
 * is read from the resources (the label the components set) or forced by the rule config; values
 * unknown in preview (the real SDK's unknown-checking proxy) are skipped, never fatal.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runPolicies } from "../../policy/engine";
import { HELM_RELEASE_TYPE, imagesByDigest } from "../../policy/rules/images-by-digest";
import { PRODUCTION_LABEL } from "../../components/shared/production-label";
import { evaluateStack } from "../../offline/evaluate";
import { resource, SDK_UNKNOWN, validateInPreview } from "../../offline/policy";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const PROD = { [PRODUCTION_LABEL]: "true" };

function deployment(name: string, images: string[], labels: Record<string, string> = PROD) {
  return resource("kubernetes:apps/v1:Deployment", name, {
    metadata: { name, labels },
    spec: {
      template: { spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } },
    },
  });
}

function release(name: string, chart: string, values: Record<string, unknown>) {
  return resource(HELM_RELEASE_TYPE, name, { chart, values: { commonLabels: PROD, ...values } });
}

async function violations(resources: ReturnType<typeof resource>[], production?: boolean) {
  const config = production === undefined ? {} : { [imagesByDigest.name]: { production } };
  return (await runPolicies([imagesByDigest], resources, config)).map((v) => v.urn?.split("::").pop());
}

describe("images-by-digest", () => {
  test("production workloads and releases with tag-only images are reported", async () => {
    const failing = [
      deployment("ipfailover-tag", ["quay.io/openshift/origin-keepalived-ipfailover:4.16"]),
      resource("kubernetes:apps/v1:DaemonSet", "operator-tag", {
        metadata: { labels: PROD },
        spec: {
          template: {
            spec: { containers: [{ name: "op", image: "digitalocean/k8s-staticroute-operator:v1.0.0" }] },
          },
        },
      }),
      release("nginx-tag", "ingress-nginx", {
        controller: {
          image: { registry: "registry.k8s.io", image: "ingress-nginx/controller", tag: "v1.15.1" },
        },
      }),
      release("traefik-default", "traefik", {}),
      release("traefik-tag", "traefik", {
        image: { registry: "docker.io", repository: "traefik", tag: "v3.7.11" },
      }),
    ];
    assert.deepEqual(
      await violations(failing),
      failing.map((r) => r.name),
    );
  });

  test("digests, non-production resources and other kinds pass", async () => {
    const passing = [
      deployment("pinned", [`quay.io/openshift/origin-keepalived-ipfailover:4.16@${DIGEST}`]),
      deployment("dev-tag", ["quay.io/openshift/origin-keepalived-ipfailover:4.16"], {}),
      release("nginx-digest", "ingress-nginx", {
        controller: {
          image: {
            registry: "registry.k8s.io",
            image: "ingress-nginx/controller",
            tag: "v1.15.1",
            digest: DIGEST,
          },
        },
      }),
      release("traefik-digest", "traefik", {
        image: { registry: "docker.io", repository: "traefik", tag: "v3.7.11", digest: DIGEST },
      }),
      resource(HELM_RELEASE_TYPE, "dev-release", { chart: "traefik", values: {} }),
      resource("kubernetes:core/v1:ConfigMap", "cm", { metadata: { labels: PROD }, data: { image: "x:1" } }),
    ];
    assert.deepEqual(await violations(passing), []);
  });

  test("the rule config production: true makes unmarked resources count", async () => {
    const unmarked = deployment("unmarked", ["nginx:1.27"], {});
    assert.deepEqual(await violations([unmarked]), []);
    assert.deepEqual(await violations([unmarked], true), ["unmarked"]);
  });

  test("an image unknown in preview is skipped; the other containers are still checked", async () => {
    assert.equal(typeof SDK_UNKNOWN.string, "string", "the SDK's unknown sentinel exists");
    const reported = await validateInPreview(imagesByDigest, {
      type: "kubernetes:apps/v1:Deployment",
      name: "preview",
      props: {
        metadata: { labels: PROD },
        spec: {
          template: {
            spec: {
              containers: [
                { name: "unknown", image: SDK_UNKNOWN.string },
                { name: "tagged", image: "nginx:1.27" },
              ],
            },
          },
        },
      },
    });
    assert.equal(reported.length, 1);
    assert.match(reported[0], /nginx:1\.27 \(containers\[tagged\]\)/);
  });

  test("unknown Helm values in preview: no throw, nothing guessed", async () => {
    const reported = await validateInPreview(imagesByDigest, {
      type: HELM_RELEASE_TYPE,
      name: "preview-release",
      props: {
        chart: "ingress-nginx",
        values: { commonLabels: PROD, controller: { image: SDK_UNKNOWN.string } },
      },
    });
    assert.deepEqual(reported, []);
  });

  test("prod: the ipfailover Deployments are marked production and pass only with their digests", async () => {
    const { recorder } = await evaluateStack("prod");
    const deployments = recorder.ofType("kubernetes:apps/v1:Deployment");
    assert.ok(deployments.length >= 2);
    for (const d of deployments) {
      assert.equal(
        (d.inputs.metadata as { labels: Record<string, string> }).labels[PRODUCTION_LABEL],
        "true",
      );
    }
    const nginx = recorder.ofType(HELM_RELEASE_TYPE);
    assert.equal(nginx.length, 1);
    assert.deepEqual(await violations([...recorder.resources]), []);
    // Without the digest the same Deployment is reported.
    const stripped = structuredClone(deployments[0]);
    const spec = stripped.inputs.spec as { template: { spec: { containers: Array<{ image: string }> } } };
    spec.template.spec.containers[0].image = spec.template.spec.containers[0].image.split("@")[0];
    assert.deepEqual(await violations([stripped]), [stripped.name]);
  });
});
