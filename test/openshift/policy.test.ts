/** The ipfailover policy rules: each with passing and failing resources, and the real stacks clean. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blocking, runPolicies, type PolicyInputResource } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { ipfailoverReplicaCount, ipfailoverRouterIds } from "../../policy/rules/ipfailover";
import { IPFAILOVER_COMPONENT, privilegedPodsIpfailoverOnly } from "../../policy/rules/privileged-pods";
import { renderIpFailoverManifests } from "../../components/openshift/render/manifests";
import { evaluateStack } from "../../offline/evaluate";
import { resource, unexpectedViolations, SDK_UNKNOWN, validateInPreview } from "../../offline/policy";
import { docsExample, instance, unicastExample } from "./fixtures";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

/** The URN of a Deployment the IpFailover component created (its type chain names the parent). */
const childUrn = (name: string) =>
  `urn:pulumi:unit::failover-stacks::${IPFAILOVER_COMPONENT}$${DEPLOYMENT}::${name}`;

/**
 * A rendered ipfailover Deployment as policy input, optionally edited (deep copy first); created
 * by the component unless `outside` (the same manifest registered by other code).
 */
function ipfailoverDeployment(
  name: string,
  raw: Record<string, unknown>,
  edit: (d: {
    metadata: { name: string; namespace: string };
    spec: { replicas: number; template: { spec: PodSpec } };
  }) => void = () => undefined,
  outside = false,
): PolicyInputResource {
  const manifest = structuredClone(renderIpFailoverManifests(instance(raw)).deployment) as unknown as {
    metadata: { name: string; namespace: string };
    spec: { replicas: number; template: { spec: PodSpec } };
  };
  edit(manifest);
  return resource(DEPLOYMENT, name, manifest, outside ? {} : { urn: childUrn(name) });
}

interface PodSpec {
  serviceAccountName?: string;
  hostNetwork?: boolean;
  hostPID?: boolean;
  volumes?: Array<Record<string, unknown>>;
  containers: Array<{ name: string; image?: string; env?: Array<{ name: string; value: string }> }>;
}

const setEnv = (spec: PodSpec, name: string, value: string | undefined) => {
  const env = spec.containers[0].env ?? [];
  const rest = env.filter((e) => e.name !== name);
  spec.containers[0].env = value === undefined ? rest : [...rest, { name, value }];
};

const namesOf = (violations: Array<{ urn?: string }>) => violations.map((v) => v.urn?.split("::").pop());

describe("privileged-pods-ipfailover-only", () => {
  const podTemplate = (spec: Record<string, unknown>) => ({ spec: { template: { spec } } });
  const failing = [
    resource(
      DEPLOYMENT,
      "hostnet-default-sa",
      podTemplate({ hostNetwork: true, containers: [{ name: "app" }] }),
    ),
    resource(
      "kubernetes:apps/v1:DaemonSet",
      "privileged-exporter",
      podTemplate({
        serviceAccountName: "node-exporter",
        containers: [{ name: "exporter", securityContext: { privileged: true } }],
      }),
    ),
    resource("kubernetes:core/v1:Pod", "privileged-init", {
      spec: {
        initContainers: [{ name: "sysctl", securityContext: { privileged: true } }],
        containers: [{ name: "a" }],
      },
    }),
    resource("kubernetes:batch/v1:CronJob", "hostnet-cron", {
      spec: {
        jobTemplate: { spec: { template: { spec: { hostNetwork: true, containers: [{ name: "c" }] } } } },
      },
    }),
    resource(
      DEPLOYMENT,
      "lookalike-sa",
      podTemplate({ serviceAccountName: "ipfailoverx", hostNetwork: true, containers: [{ name: "a" }] }),
    ),
    ipfailoverDeployment("rendered-under-other-sa", docsExample, (d) => {
      d.spec.template.spec.serviceAccountName = "builder";
    }),
    // Identity, not a name pattern: the ipfailover account's name, but not the component's pod.
    resource("kubernetes:core/v1:Pod", "docs-sa", {
      spec: { serviceAccountName: "ipfailover", hostNetwork: true, containers: [{ name: "k" }] },
    }),
    ipfailoverDeployment("same-manifest-other-code", docsExample, () => undefined, true),
    ipfailoverDeployment("ipfailover-account-of-another-instance", docsExample, (d) => {
      d.spec.template.spec.serviceAccountName = "ipfailover-other";
    }),
    // More than the component renders.
    ipfailoverDeployment("ipfailover-host-pid", docsExample, (d) => {
      d.spec.template.spec.hostPID = true;
    }),
    ipfailoverDeployment("ipfailover-host-root", docsExample, (d) => {
      d.spec.template.spec.volumes = [
        ...(d.spec.template.spec.volumes ?? []),
        { name: "root", hostPath: { path: "/" } },
      ];
    }),
    resource(DEPLOYMENT, "app-net-admin", {
      metadata: { namespace: "shop" },
      ...podTemplate({
        containers: [{ name: "app", securityContext: { capabilities: { add: ["NET_ADMIN"] } } }],
      }),
    }),
    resource(DEPLOYMENT, "app-host-path", {
      ...podTemplate({
        containers: [{ name: "app" }],
        volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }],
      }),
    }),
    resource("kubernetes:apps/v1:DaemonSet", "operator-sys-admin", {
      metadata: { namespace: "static-routes" },
      ...podTemplate({
        serviceAccountName: "k8s-staticroute-operator",
        hostNetwork: true,
        containers: [
          { name: "op", securityContext: { capabilities: { add: ["NET_ADMIN", "CAP_SYS_ADMIN"] } } },
        ],
      }),
    }),
    resource("kubernetes:apps/v1:DaemonSet", "operator-host-pid", {
      metadata: { namespace: "static-routes" },
      ...podTemplate({
        serviceAccountName: "k8s-staticroute-operator",
        hostNetwork: true,
        hostPID: true,
        containers: [{ name: "op" }],
      }),
    }),
    // The static-route operator's account may use hostNetwork, but never a privileged container,
    // and only in its own namespace.
    resource("kubernetes:apps/v1:DaemonSet", "operator-privileged", {
      metadata: { namespace: "static-routes" },
      ...podTemplate({
        serviceAccountName: "k8s-staticroute-operator",
        hostNetwork: true,
        containers: [{ name: "op", securityContext: { privileged: true } }],
      }),
    }),
    resource("kubernetes:apps/v1:DaemonSet", "operator-other-namespace", {
      metadata: { namespace: "default" },
      ...podTemplate({
        serviceAccountName: "k8s-staticroute-operator",
        hostNetwork: true,
        containers: [{ name: "op" }],
      }),
    }),
  ];
  const passing = [
    ipfailoverDeployment("rendered", docsExample),
    ipfailoverDeployment("rendered-unicast", unicastExample),
    resource(DEPLOYMENT, "app-baseline-capability", {
      ...podTemplate({
        containers: [{ name: "app", securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } } }],
      }),
    }),
    resource(
      DEPLOYMENT,
      "plain-app",
      podTemplate({ containers: [{ name: "app", securityContext: { privileged: false } }] }),
    ),
    resource("kubernetes:core/v1:ConfigMap", "not-a-pod", { data: { hostNetwork: "true" } }),
    resource("kubernetes:apps/v1:DaemonSet", "static-route-operator", {
      metadata: { namespace: "static-routes" },
      ...podTemplate({
        serviceAccountName: "k8s-staticroute-operator",
        hostNetwork: true,
        containers: [{ name: "op", securityContext: { capabilities: { add: ["NET_ADMIN"] } } }],
      }),
    }),
  ];

  test("flags every privileged or hostNetwork pod outside ipfailover service accounts", async () => {
    const violations = await runPolicies([privilegedPodsIpfailoverOnly], failing);
    assert.deepEqual(
      namesOf(violations),
      failing.map((r) => r.name),
    );
    assert.equal(blocking(violations).length, failing.length);
    assert.match(violations[0].message, /hostNetwork under service account default\/default\./);
  });

  test("passes ipfailover pods, the listed host-network agents and unprivileged workloads", async () => {
    assert.deepEqual(await runPolicies([privilegedPodsIpfailoverOnly], passing), []);
  });

  test("preview: an unknown hostNetwork is not counted, a known privileged container still is", async () => {
    const reported = await validateInPreview(privilegedPodsIpfailoverOnly, {
      type: DEPLOYMENT,
      name: "preview",
      props: podTemplate({
        hostNetwork: SDK_UNKNOWN.boolean,
        containers: [
          { name: "app", securityContext: { privileged: true, capabilities: { add: [SDK_UNKNOWN.string] } } },
        ],
      }),
    });
    assert.equal(reported.length, 1);
    assert.match(reported[0], /asks for privileged container app under service account default\/default\./);
  });

  test("hostNetworkAccounts is configurable: an empty list flags the operator too", async () => {
    const operator = passing.filter((r) => r.name === "static-route-operator");
    const violations = await runPolicies([privilegedPodsIpfailoverOnly], operator, {
      "privileged-pods-ipfailover-only": { hostNetworkAccounts: [] },
    });
    assert.deepEqual(namesOf(violations), ["static-route-operator"]);
  });
});

describe("ipfailover-replica-count", () => {
  test("flags replicas that differ from OPENSHIFT_HA_REPLICA_COUNT, including the image's default of 1", async () => {
    const failing = [
      ipfailoverDeployment("scaled-by-hand", docsExample, (d) => {
        d.spec.replicas = 3;
      }),
      ipfailoverDeployment("count-unset", docsExample, (d) =>
        setEnv(d.spec.template.spec, "OPENSHIFT_HA_REPLICA_COUNT", undefined),
      ),
    ];
    const violations = await runPolicies([ipfailoverReplicaCount], failing);
    assert.deepEqual(namesOf(violations), ["scaled-by-hand", "count-unset"]);
    assert.match(violations[0].message, /3 replica\(s\).*OPENSHIFT_HA_REPLICA_COUNT=2/);
    assert.match(violations[1].message, /OPENSHIFT_HA_REPLICA_COUNT=1/);
  });

  test("passes rendered Deployments and ignores other workloads", async () => {
    const passing = [
      ipfailoverDeployment("docs", docsExample),
      ipfailoverDeployment("unicast", unicastExample),
      resource(DEPLOYMENT, "web", {
        spec: { replicas: 5, template: { spec: { containers: [{ name: "web", image: "nginx" }] } } },
      }),
    ];
    assert.deepEqual(await runPolicies([ipfailoverReplicaCount], passing), []);
  });
});

describe("ipfailover-router-ids", () => {
  const a = ipfailoverDeployment("a", {
    ...docsExample,
    virtualIps: ["192.0.2.10-12"],
    vipGroups: undefined,
  }); // ids 1-3
  const b = ipfailoverDeployment("b", { ...unicastExample, vrrpIdOffset: 2 }); // 2 groups: ids 3-4

  test("flags overlapping ranges across Deployments", async () => {
    const violations = await runPolicies([ipfailoverRouterIds], [a, b]);
    assert.equal(violations.length, 1);
    assert.match(violations[0].message, /b \(router ids 3-4\) overlaps a \(1-3\)/);
  });

  test("flags ids past 255, an unset offset and a VIP list the image reads as empty", async () => {
    const past = ipfailoverDeployment("past-255", unicastExample, (d) =>
      setEnv(d.spec.template.spec, "OPENSHIFT_HA_VRRP_ID_OFFSET", "254"),
    );
    const unset = ipfailoverDeployment("offset-unset", unicastExample, (d) =>
      setEnv(d.spec.template.spec, "OPENSHIFT_HA_VRRP_ID_OFFSET", undefined),
    );
    const empty = ipfailoverDeployment("cidr-vips", docsExample, (d) =>
      setEnv(d.spec.template.spec, "OPENSHIFT_HA_VIRTUAL_IPS", "192.0.2.10/24"),
    );
    const violations = await runPolicies([ipfailoverRouterIds], [past, unset, empty]);
    assert.deepEqual(
      violations.map((v) => [v.urn?.split("::").pop(), v.message.match(/255|unset|no address/)?.[0]]),
      [
        ["offset-unset", "unset"],
        ["cidr-vips", "no address"],
        ["past-255", "255"],
      ],
    );
  });

  test("passes disjoint ranges", async () => {
    const c = ipfailoverDeployment("c", { ...unicastExample, vrrpIdOffset: 3 }); // ids 4-5
    assert.deepEqual(await runPolicies([ipfailoverRouterIds], [a, c]), []);
  });
});

describe("the real stacks", () => {
  for (const stack of ["dev", "prod"]) {
    test(`${stack} passes every rule of the pack`, async () => {
      const { recorder } = await evaluateStack(stack);
      assert.deepEqual(unexpectedViolations(await runPolicies(allRules, recorder.resources)), []);
    });
  }
});
