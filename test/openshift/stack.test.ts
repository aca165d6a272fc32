/** The dev and prod stacks as the program registers them: wiring, schemas, scripts, outputs, secrets. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateProgram, evaluateStack } from "../../offline/evaluate";
import { kubernetesManifests, validateManifests, type Manifest } from "../harness/k8s-schema";
import type { RecordedResource } from "../../offline/recorder";
import { openshiftSystem } from "../../components/openshift/system";
import { ipfailoverOutputSchema } from "../../components/openshift/outputs";
import { need } from "../harness/tools";
import { shellcheck } from "./shellcheck";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

interface DeploymentInputs {
  spec: {
    replicas: number;
    template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } };
  };
}

const envOf = (record: RecordedResource) =>
  Object.fromEntries(
    (record.inputs as unknown as DeploymentInputs).spec.template.spec.containers[0].env.map((e) => [
      e.name,
      e.value,
    ]),
  );

describe("stacks", () => {
  for (const stack of ["dev", "prod"]) {
    test(`${stack}: every object is schema-valid, under its component, through the cluster's provider`, async () => {
      const { recorder } = await evaluateStack(stack);
      // The stack also holds other systems: look at what goes through this system's provider.
      const own = recorder.throughProvider("openshift");
      const manifests = kubernetesManifests(own);
      assert.ok(manifests.length >= 5);
      await validateManifests(manifests);
      const provider = recorder.named("openshift");
      assert.equal(provider.type, "pulumi:providers:kubernetes");
      for (const record of recorder
        .within("failover:openshift:")
        .filter((r) => r.type.startsWith("kubernetes:"))) {
        assert.equal(record.provider, provider.urn, `${record.name} must use the openshift provider`);
      }
      for (const deployment of recorder.ofType(DEPLOYMENT)) {
        const component = recorder.byUrn(deployment.parent ?? "");
        assert.equal(component?.type, "failover:openshift:IpFailover");
        const waitsFor = deployment.dependsOn.map((u) => recorder.byUrn(u)?.type).sort();
        assert.ok(waitsFor.includes("kubernetes:core/v1:ServiceAccount"));
        assert.equal(
          waitsFor.filter((t) => t === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").length,
          2,
        );
        assert.ok(waitsFor.includes("kubernetes:core/v1:Namespace"));
        const replicas = (deployment.inputs as unknown as DeploymentInputs).spec.replicas;
        assert.equal(envOf(deployment).OPENSHIFT_HA_REPLICA_COUNT, String(replicas));
      }
    });
  }

  test("prod: two instances with disjoint router ids, in the outputs and in the env", async () => {
    const { recorder, outputs } = await evaluateStack("prod");
    ipfailoverOutputSchema.parse(outputs.ipfailover.value);
    assert.equal(outputs.ipfailover.isSecret, false);
    assert.deepEqual(
      (outputs.ipfailover.value as Array<{ name: string; routerIds: unknown; vips: string[] }>).map((i) => [
        i.name,
        i.routerIds,
        i.vips.length,
      ]),
      [
        ["ingress", { first: 21, last: 22 }, 2],
        ["services", { first: 31, last: 32 }, 4],
      ],
    );
    const envs = recorder.ofType(DEPLOYMENT).map(envOf);
    assert.deepEqual(
      envs.map((e) => [e.OPENSHIFT_HA_VRRP_ID_OFFSET, e.OPENSHIFT_HA_VIP_GROUPS]),
      [
        ["20", "2"],
        ["30", "2"],
      ],
    );
    const scripts = recorder.ofType("kubernetes:core/v1:ConfigMap")[0].inputs.data as Record<string, string>;
    assert.deepEqual(Object.keys(scripts).sort(), ["check.sh", "notify.sh"]);
  });

  test("prod: the scripts as registered pass shellcheck", async (t) => {
    if (!need(t, { commands: ["shellcheck"] })) return;
    const { recorder } = await evaluateStack("prod");
    for (const configMap of recorder.ofType("kubernetes:core/v1:ConfigMap")) {
      for (const [file, text] of Object.entries(configMap.inputs.data as Record<string, string>)) {
        const { status, output } = shellcheck(text);
        assert.equal(status, 0, `${file}: ${output}`);
      }
    }
  });

  test("a kubeconfig reaches the provider as a secret and no output carries it", async () => {
    const kubeconfig = "apiVersion: v1\nkind: Config\n# unit-test placeholder";
    const config = encodeProjectConfig({
      openshift: {
        kubeconfig,
        createNamespaces: false,
        instances: [
          {
            name: "web",
            virtualIps: ["192.0.2.10"],
            interface: "ens3",
            monitorPort: 0,
            vrrpIdOffset: 0,
            replicas: 2,
            image: { tag: "4.18" },
          },
        ],
      },
    });
    const { recorder, outputs } = await evaluateProgram({
      stack: "unit",
      config,
      secretKeys: ["failover-stacks:openshift"],
      systems: [openshiftSystem],
    });
    const provider = recorder.named("openshift");
    assert.equal(provider.inputs.kubeconfig, kubeconfig);
    assert.ok(provider.secretPaths.includes("kubeconfig"));
    assert.ok(!JSON.stringify(outputs).includes("unit-test placeholder"));
    assert.equal(recorder.ofType("kubernetes:core/v1:Namespace").length, 0, "createNamespaces: false");
    assert.equal(recorder.ofType("kubernetes:core/v1:ConfigMap").length, 0, "a port check needs no scripts");
    const manifests: Manifest[] = kubernetesManifests(recorder.resources);
    await validateManifests(manifests);
  });
});
