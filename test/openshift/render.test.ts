/** The env, scripts and manifests of an instance, against what the image needs. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { imageExpandVips } from "../../components/openshift/image-rules";
import { renderIpFailoverEnv } from "../../components/openshift/render/env";
import {
  CONFIG_HASH_ANNOTATION,
  renderIpFailoverManifests,
  renderNamespace,
  type DeploymentManifest,
} from "../../components/openshift/render/manifests";
import { renderCheckScript, renderNotifyScript } from "../../components/openshift/render/scripts";
import { expandVips, renderVipList } from "../../components/openshift/vips";
import { validateManifests, type Manifest } from "../harness/k8s-schema";
import { need } from "../harness/tools";
import { docsExample, instance, unicastExample } from "./fixtures";
import { shellcheck } from "./shellcheck";

const envMap = (raw: Record<string, unknown>) =>
  Object.fromEntries(renderIpFailoverEnv(instance(raw)).map((e) => [e.name, e.value]));

describe("env", () => {
  test("the docs' example renders exactly the env the image needs", () => {
    // Written from the image's settings.sh / config-generators.sh, not captured from the renderer.
    // Two deliberate differences from the docs' YAML:
    // - MONITOR_PORT 30060 -> 0: with CHECK_SCRIPT set the image never probes the port, so 0 says so;
    // - VIP_GROUPS 10 -> 2: two VIPs make two VRRP instances whatever the value (10 is rejected in config).
    // USE_UNICAST is read by nothing; it mirrors UNICAST_PEERS, which is absent (multicast).
    assert.deepEqual(renderIpFailoverEnv(instance(docsExample)), [
      { name: "OPENSHIFT_HA_CONFIG_NAME", value: "ipfailover" },
      { name: "OPENSHIFT_HA_VIRTUAL_IPS", value: "1.1.1.1-2" },
      { name: "OPENSHIFT_HA_VIP_GROUPS", value: "2" },
      { name: "OPENSHIFT_HA_NETWORK_INTERFACE", value: "ens3" },
      { name: "OPENSHIFT_HA_MONITOR_PORT", value: "0" },
      { name: "OPENSHIFT_HA_VRRP_ID_OFFSET", value: "0" },
      { name: "OPENSHIFT_HA_REPLICA_COUNT", value: "2" },
      { name: "OPENSHIFT_HA_USE_UNICAST", value: "false" },
      { name: "OPENSHIFT_HA_IPTABLES_CHAIN", value: "INPUT" },
      { name: "OPENSHIFT_HA_CHECK_SCRIPT", value: "/etc/keepalive/check.sh" },
      { name: "OPENSHIFT_HA_PREEMPTION", value: "preempt_delay 300" },
      { name: "OPENSHIFT_HA_CHECK_INTERVAL", value: "2" },
    ]);
  });

  test("the docs' example read as a port check renders the port and no script", () => {
    const env = envMap({ ...docsExample, checkScript: undefined, monitorPort: 30060 });
    assert.equal(env.OPENSHIFT_HA_MONITOR_PORT, "30060");
    assert.equal(env.OPENSHIFT_HA_CHECK_SCRIPT, undefined);
  });

  test("unicast is on exactly when peers are rendered; nopreempt and groups are explicit", () => {
    const env = envMap(unicastExample);
    assert.equal(env.OPENSHIFT_HA_UNICAST_PEERS, "198.51.100.11,198.51.100.12,198.51.100.13");
    assert.equal(env.OPENSHIFT_HA_USE_UNICAST, "true");
    assert.equal(env.OPENSHIFT_HA_PREEMPTION, "nopreempt");
    assert.equal(env.OPENSHIFT_HA_VIRTUAL_IPS, "203.0.113.10-13,203.0.113.20");
    assert.equal(env.OPENSHIFT_HA_VIP_GROUPS, "2");
    assert.equal(env.OPENSHIFT_HA_MONITOR_PORT, "0");
    assert.equal(env.OPENSHIFT_HA_NOTIFY_SCRIPT, "/etc/keepalive/notify.sh");
    assert.equal(env.OPENSHIFT_HA_IPTABLES_CHAIN, undefined);
    const multicast = envMap({ ...docsExample, unicastPeers: [] });
    assert.equal(multicast.OPENSHIFT_HA_UNICAST_PEERS, undefined);
  });

  test("full-address ranges and mixed lists become a canonical string the image expands identically", () => {
    const entries = ["192.0.2.10-192.0.2.12", "198.51.100.7", "192.0.2.13", "192.0.2.14-14"];
    const rendered = renderVipList(expandVips(entries));
    assert.equal(rendered, "192.0.2.10-12,198.51.100.7,192.0.2.13-14");
    assert.deepEqual(imageExpandVips(rendered), {
      addresses: expandVips(entries),
      dropped: [],
      notEmulated: [],
    });
  });
});

describe("scripts", () => {
  test("check and notify scripts pass shellcheck", (t) => {
    if (!need(t, { commands: ["shellcheck"] })) return;
    const scripts = [renderCheckScript(instance(docsExample)), renderNotifyScript(instance(unicastExample))];
    for (const text of scripts) {
      assert.ok(text !== undefined && text.startsWith("#!/bin/bash\n"));
      const { status, output } = shellcheck(text);
      assert.equal(status, 0, output);
    }
  });

  test("shellcheck does fail a careless body (the check above can fail)", (t) => {
    if (!need(t, { commands: ["shellcheck"] })) return;
    const careless = renderNotifyScript(
      instance({ ...unicastExample, notifyScript: "echo $1 > /tmp/state" }),
    );
    assert.ok(careless);
    assert.notEqual(shellcheck(careless).status, 0);
  });

  test("a port check renders no scripts and no ConfigMap", () => {
    const port = instance({ ...unicastExample, notifyScript: undefined });
    assert.equal(renderCheckScript(port), undefined);
    assert.equal(renderIpFailoverManifests(port).configMap, undefined);
  });
});

const podSpecOf = (d: DeploymentManifest) => d.spec.template.spec!;

describe("manifests", () => {
  const examples = { docs: docsExample, unicast: unicastExample };
  for (const [label, raw] of Object.entries(examples)) {
    test(`${label}: every object is valid against the Kubernetes schemas`, async () => {
      const m = renderIpFailoverManifests(instance(raw));
      const all: unknown[] = [
        renderNamespace("ipfailover"),
        m.serviceAccount,
        ...m.roleBindings,
        m.deployment,
      ];
      if (m.configMap) all.push(m.configMap);
      await validateManifests(all as Manifest[]);
    });
  }

  test("schema validation rejects a broken Deployment (the check above can fail)", async () => {
    const { deployment } = renderIpFailoverManifests(instance(docsExample));
    const broken = { ...deployment, spec: { ...deployment.spec, replicas: "two" } };
    await assert.rejects(validateManifests([broken as unknown as Manifest]), /replicas/);
  });

  test("the Deployment does what the image needs, and none of the docs' mistakes", () => {
    const m = renderIpFailoverManifests(instance(docsExample));
    const spec = podSpecOf(m.deployment);
    const container = spec.containers[0];
    assert.equal(m.deployment.spec.strategy?.type, "Recreate");
    assert.equal(m.deployment.spec.replicas, 2);
    const count = container.env?.find((e) => e.name === "OPENSHIFT_HA_REPLICA_COUNT")?.value;
    assert.equal(count, String(m.deployment.spec.replicas));
    assert.equal(spec.hostNetwork, true);
    assert.equal(container.securityContext?.privileged, true);
    assert.ok(!("privileged" in spec), "privileged is not a pod-level field");
    assert.equal(container.ports, undefined, "no hostPort: two instances must fit on one node");
    assert.deepEqual(spec.nodeSelector, { "node-role.kubernetes.io/worker": "" });
    assert.equal(spec.serviceAccountName, m.serviceAccount.metadata?.name);
    assert.deepEqual(spec.imagePullSecrets, [{ name: "openshift-pull-secret" }]);
    assert.equal(container.image, "quay.io/openshift/origin-keepalived-ipfailover:4.18");
    assert.deepEqual(container.livenessProbe?.exec?.command, ["pgrep", "-x", "keepalived"]);
    const scripts = spec.volumes?.find((v) => v.name === "scripts");
    assert.equal(scripts?.configMap?.defaultMode, 0o755);
    assert.equal(scripts?.configMap?.name, m.configMap?.metadata?.name);
    assert.deepEqual(spec.volumes?.find((v) => v.name === "lib-modules")?.hostPath?.path, "/lib/modules");
    assert.equal(container.volumeMounts?.find((v) => v.name === "lib-modules")?.readOnly, true);
    assert.deepEqual(
      m.roleBindings.map((b) => [b.roleRef.name, b.subjects?.[0].name]),
      [
        ["system:openshift:scc:privileged", "ipfailover-ipfailover"],
        ["system:openshift:scc:hostnetwork", "ipfailover-ipfailover"],
      ],
    );
  });

  test("listed nodes pin the pods by node name; pods of one instance never share a node", () => {
    const spec = podSpecOf(renderIpFailoverManifests(instance(unicastExample)).deployment);
    const terms =
      spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    assert.deepEqual(terms?.[0].matchFields?.[0].values, ["infra-0", "infra-1", "infra-2"]);
    const anti = spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0];
    assert.equal(anti?.topologyKey, "kubernetes.io/hostname");
    assert.deepEqual(anti?.labelSelector?.matchLabels, {
      "app.kubernetes.io/name": "ipfailover",
      "app.kubernetes.io/instance": "edge",
    });
    assert.equal(
      spec.containers[0].image,
      `quay.io/openshift/origin-keepalived-ipfailover:4.18@sha256:${"a".repeat(64)}`,
    );
  });

  test("every change to env, scripts or image changes the pod-template hash; nothing else does", () => {
    const hash = (raw: Record<string, unknown>) =>
      renderIpFailoverManifests(instance(raw)).deployment.spec.template.metadata?.annotations?.[
        CONFIG_HASH_ANNOTATION
      ];
    const base = hash(docsExample);
    assert.match(base ?? "", /^[0-9a-f]{64}$/);
    assert.equal(hash({ ...docsExample }), base);
    assert.notEqual(hash({ ...docsExample, checkInterval: 3 }), base);
    assert.notEqual(hash({ ...docsExample, checkScript: "exit 0" }), base);
    assert.notEqual(hash({ ...docsExample, image: { tag: "4.17" } }), base);
    assert.notEqual(hash({ ...docsExample, virtualIps: ["1.1.1.1-3"], vipGroups: 3 }), base);
  });

  test("no service-account token in the pods: keepalived never calls the API server", () => {
    for (const raw of [docsExample, unicastExample]) {
      const spec = podSpecOf(renderIpFailoverManifests(instance(raw)).deployment);
      assert.equal(spec.automountServiceAccountToken, false);
    }
  });

  test("the scripts ConfigMap is immutable and named by its content, so a change makes a new one", () => {
    const scripts = (raw: Record<string, unknown>) => {
      const m = renderIpFailoverManifests(instance(raw));
      const mounted = podSpecOf(m.deployment).volumes?.find((v) => v.name === "scripts")?.configMap?.name;
      return { configMap: m.configMap, mounted };
    };
    const base = scripts(docsExample);
    assert.equal(base.configMap?.immutable, true);
    assert.match(base.configMap?.metadata?.name ?? "", /^ipfailover-ipfailover-scripts-[0-9a-f]{10}$/);
    assert.equal(base.mounted, base.configMap?.metadata?.name);
    assert.equal(scripts({ ...docsExample, vrrpIdOffset: 10 }).configMap?.metadata?.name, base.mounted);
    const changed = scripts({ ...docsExample, checkScript: "exit 0" });
    assert.notEqual(changed.configMap?.metadata?.name, base.mounted);
    assert.equal(changed.mounted, changed.configMap?.metadata?.name);
  });
});
