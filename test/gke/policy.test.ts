/** The GKE ingress policy rules, each with passing and failing inputs, and the real stacks. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blocking, runPolicies } from "../../policy/engine";
import { allRules } from "../../policy/rules";
import { gkeHealthPort } from "../../policy/rules/gke-health-port";
import { gkeMcsHealthCheck } from "../../policy/rules/gke-mcs-health-check";
import { gkeTlsStaticIp } from "../../policy/rules/gke-tls-static-ip";
import type { KubeObject } from "../../components/gcp/render/object";
import { planIngress } from "../../components/gcp/render/plan";
import { evaluateStack } from "../../offline/evaluate";
import { resource, unexpectedViolations } from "../../offline/policy";
import { evaluateGke } from "./evaluate-gke";
import { planInput, validGke } from "./fixtures";

type Mutable = Record<string, unknown>;

/** The config cluster's objects as policy resources, after an optional edit of each object. */
function objects(
  mode: "mci" | "gateway",
  edit: (o: Mutable) => void = () => undefined,
  certs: string[] = [],
) {
  const plan = planIngress({ ...planInput, mode, preSharedCerts: certs });
  return plan.configCluster.map((o: KubeObject) => {
    const copy = structuredClone(o) as unknown as Mutable;
    edit(copy);
    return resource(
      `kubernetes:${o.apiVersion}:${o.kind}`,
      `${o.kind.toLowerCase()}-${o.metadata.name}`,
      copy,
    );
  });
}

const kindIs = (o: Mutable, kind: string) => o.kind === kind;
const spec = (o: Mutable) => o.spec as Mutable;
const annotations = (o: Mutable) => (o.metadata as { annotations: Record<string, string> }).annotations;

describe("gke-mcs-health-check", () => {
  test("passes the rendered MCI and Gateway objects", async () => {
    assert.deepEqual(await runPolicies([gkeMcsHealthCheck], objects("mci")), []);
    assert.deepEqual(await runPolicies([gkeMcsHealthCheck], objects("gateway")), []);
  });

  test("an MCS that is not behind an MCI is not its business", async () => {
    const alone = objects("mci", (o) => {
      if (kindIs(o, "MultiClusterService")) delete annotations(o)["cloud.google.com/backend-config"];
    }).filter((r) => r.type.endsWith("MultiClusterService"));
    assert.deepEqual(await runPolicies([gkeMcsHealthCheck], alone), []);
  });

  test("flags an MCS without the BackendConfig annotation", async () => {
    const violations = await runPolicies(
      [gkeMcsHealthCheck],
      objects("mci", (o) => {
        if (kindIs(o, "MultiClusterService")) delete annotations(o)["cloud.google.com/backend-config"];
      }),
    );
    assert.equal(violations.length, 1);
    assert.match(violations[0].message, /names no BackendConfig/);
    assert.equal(blocking(violations).length, 1);
  });

  test("flags a BackendConfig without an explicit health check, and a missing one", async () => {
    const noCheck = await runPolicies(
      [gkeMcsHealthCheck],
      objects("mci", (o) => {
        if (kindIs(o, "BackendConfig")) o.spec = { timeoutSec: 30 };
      }),
    );
    assert.match(noCheck[0]?.message ?? "", /no explicit healthCheck/);
    const missing = await runPolicies(
      [gkeMcsHealthCheck],
      objects("mci").filter((r) => !r.type.endsWith("BackendConfig")),
    );
    assert.match(missing[0]?.message ?? "", /does not define/);
  });

  test("flags an MCI whose backend MCS is not in the stack", async () => {
    const violations = await runPolicies(
      [gkeMcsHealthCheck],
      objects("mci").filter((r) => !r.type.endsWith("MultiClusterService")),
    );
    assert.match(violations[0]?.message ?? "", /MultiClusterService istio-gateway\/istio-ingressgateway/);
  });

  test("flags an HTTPRoute to a ServiceImport without a HealthCheckPolicy", async () => {
    const violations = await runPolicies(
      [gkeMcsHealthCheck],
      objects("gateway").filter((r) => !r.type.endsWith("HealthCheckPolicy")),
    );
    assert.equal(violations.length, 1);
    assert.match(violations[0].message, /without a HealthCheckPolicy/);
  });
});

describe("gke-health-port", () => {
  test("passes the rendered objects", async () => {
    assert.deepEqual(await runPolicies([gkeHealthPort], objects("mci")), []);
  });

  test("flags a probe on a port the MCS does not expose", async () => {
    const violations = await runPolicies(
      [gkeHealthPort],
      objects("mci", (o) => {
        if (kindIs(o, "BackendConfig")) (spec(o).healthCheck as Mutable).port = 15020;
      }),
    );
    assert.equal(violations.length, 1);
    assert.match(violations[0].message, /port 15020/);
  });
});

describe("gke-tls-static-ip", () => {
  test("passes TLS with a static IP, and plain HTTP without one", async () => {
    assert.deepEqual(await runPolicies([gkeTlsStaticIp], objects("mci", undefined, ["c1"])), []);
    assert.deepEqual(await runPolicies([gkeTlsStaticIp], objects("gateway", undefined, ["c1"])), []);
    const noIp = (o: Mutable) => {
      if (kindIs(o, "MultiClusterIngress")) delete annotations(o)["networking.gke.io/static-ip"];
      if (kindIs(o, "Gateway")) delete spec(o).addresses;
    };
    assert.deepEqual(await runPolicies([gkeTlsStaticIp], objects("mci", noIp)), []);
    assert.deepEqual(await runPolicies([gkeTlsStaticIp], objects("gateway", noIp)), []);
  });

  test("flags TLS without a static IP, in both modes", async () => {
    const noIp = (o: Mutable) => {
      if (kindIs(o, "MultiClusterIngress")) delete annotations(o)["networking.gke.io/static-ip"];
      if (kindIs(o, "Gateway")) delete spec(o).addresses;
    };
    const mci = await runPolicies([gkeTlsStaticIp], objects("mci", noIp, ["c1"]));
    const gateway = await runPolicies([gkeTlsStaticIp], objects("gateway", noIp, ["c1"]));
    assert.equal(mci.length, 1);
    assert.equal(gateway.length, 1);
    assert.match(mci[0].message, /static IP/);
  });
});

describe("the whole pack passes what the system deploys", () => {
  for (const stack of ["dev", "prod"]) {
    test(stack, async () => {
      const { recorder } = await evaluateStack(stack);
      assert.deepEqual(unexpectedViolations(await runPolicies(allRules, recorder.resources)), []);
    });
  }
  test("gateway mode with TLS", async () => {
    const { recorder } = await evaluateGke({
      ...validGke(),
      mode: "gateway",
      tls: { managedDomains: ["shop.example.com"] },
    });
    assert.deepEqual(await runPolicies(allRules, recorder.resources), []);
  });
});
