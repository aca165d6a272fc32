/**
 * The failover order: old StaticRoute deleted, settle wait, new StaticRoute created. Proven from
 * the recorded resource options and property dependencies, a model of the engine's
 * delete-before-replace rule (./engine-model.ts), and the settle provider's real functions.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { digitaloceanSystem } from "../../components/digitalocean/system";
import { STATIC_ROUTE_REPLACE_ON_CHANGES } from "../../components/digitalocean/egress-routes";
import { settleDelayProvider, type SettleDelayProps } from "../../components/digitalocean/settle-delay";
import { encodeProjectConfig } from "../../stacks/config";
import type { RecordedResource, ResourceRecorder } from "../../offline/recorder";
import { dependentReplaced, pathContains, withPropertyDependencies } from "./engine-model";
import { evaluateSection, section } from "./fixtures";

const STATIC_ROUTE = "kubernetes:networking.digitalocean.com/v1:StaticRoute";
const SETTLE = "pulumi-nodejs:dynamic/failover:SettleDelay";
const DAEMONSET = "kubernetes:apps/v1:DaemonSet";

function pair(
  recorder: ResourceRecorder,
  routeSet: string,
): { route: RecordedResource; settle: RecordedResource } {
  return {
    route: recorder.named(`unit-egress-routes-${routeSet}`),
    settle: recorder.named(`unit-egress-routes-${routeSet}-settle`),
  };
}

function settleProps(record: RecordedResource): SettleDelayProps {
  const { gateway, metadata, seconds } = record.inputs as unknown as SettleDelayProps;
  return { gateway, metadata, seconds };
}

const withGateways = (active: string, extra: Record<string, unknown> = {}) =>
  section({
    gateways: { count: 2, privateIps: ["10.110.0.5", "10.110.0.6"] },
    activeGateway: active,
    ...extra,
  });

describe("recorded facts", () => {
  test("each route set has exactly one StaticRoute, at the active gateway", async () => {
    const { recorder } = await evaluateSection(withGateways("gw-2"));
    const routes = recorder.ofType(STATIC_ROUTE);
    assert.deepEqual(routes.map((r) => (r.inputs.metadata as { name: string }).name).sort(), [
      "egress-partner-a-via-gw-2",
      "egress-partner-b-via-gw-2",
    ]);
    for (const r of routes) assert.equal((r.inputs.spec as { gateway: string }).gateway, "10.110.0.6");
  });

  test("routes: delete-before-replace on metadata and gateway; depend on the settle wait and the operator", async () => {
    const { recorder } = await evaluateSection(withGateways("gw-1"));
    const daemonSet = recorder.ofType(DAEMONSET)[0];
    for (const routeSet of ["partner-a", "partner-b"]) {
      const { route, settle } = pair(recorder, routeSet);
      assert.equal(route.deleteBeforeReplace, true);
      assert.deepEqual(route.replaceOnChanges, ["metadata", "spec.gateway"]);
      assert.ok(route.dependsOn.includes(settle.urn), "route depends on its settle wait");
      assert.ok(
        route.dependsOn.includes(daemonSet.urn),
        "route depends on the operator (destroy removes it first)",
      );
      assert.equal(settle.deleteBeforeReplace, true);
      assert.deepEqual([...settle.replaceOnChanges].sort(), ["gateway", "metadata"]);
      assert.ok(settle.dependsOn.includes(daemonSet.urn));
      assert.equal(settle.inputs.seconds, 45);
      // The route's metadata and gateway are the settle resource's outputs (mock state = inputs).
      assert.deepEqual(route.inputs.metadata, settle.inputs.metadata);
      assert.equal((route.inputs.spec as { gateway: string }).gateway, settle.inputs.gateway);
    }
  });

  test("the route's metadata and spec are property dependencies on its settle resource", async () => {
    const { deps } = await withPropertyDependencies({
      stack: "unit",
      config: encodeProjectConfig({ digitalocean: withGateways("gw-1"), environment: "unit" }),
      systems: [digitaloceanSystem],
    });
    const routeDeps = deps.get("unit-egress-routes-partner-a");
    assert.ok(routeDeps?.get("metadata")?.includes("unit-egress-routes-partner-a-settle"));
    assert.ok(routeDeps?.get("spec")?.includes("unit-egress-routes-partner-a-settle"));
  });

  test("destroy order: routes, then settle waits, then the operator", async () => {
    const { recorder } = await evaluateSection(withGateways("gw-1"));
    // Pulumi deletes in reverse dependency order: a resource goes before everything it depends on.
    const order = reverseTopological(recorder);
    const pos = (name: string) => order.indexOf(name);
    const ds = recorder.ofType(DAEMONSET)[0].name;
    for (const routeSet of ["partner-a", "partner-b"]) {
      const { route, settle } = pair(recorder, routeSet);
      assert.ok(pos(route.name) < pos(settle.name) && pos(settle.name) < pos(ds));
    }
  });
});

describe("a failover (activeGateway gw-1 -> gw-2) is delete, wait, create", () => {
  test("same logical resources (a replacement, not a create beside a delete)", async () => {
    const before = await evaluateSection(withGateways("gw-1"));
    const after = await evaluateSection(withGateways("gw-2"));
    const urns = (e: typeof before) =>
      [...e.recorder.ofType(STATIC_ROUTE), ...e.recorder.ofType(SETTLE)].map((r) => r.urn).sort();
    assert.deepEqual(urns(before), urns(after));
  });

  test("the settle resource is replaced delete-before-replace; the route is replaced as its dependent", async () => {
    const before = pair((await evaluateSection(withGateways("gw-1"))).recorder, "partner-a");
    const after = pair((await evaluateSection(withGateways("gw-2"))).recorder, "partner-a");
    const diff = await settleDelayProvider.diff!("id", settleProps(before.settle), settleProps(after.settle));
    assert.deepEqual(diff.replaces, ["gateway", "metadata"]);
    assert.equal(diff.deleteBeforeReplace, true);

    const { deps } = await withPropertyDependencies({
      stack: "unit",
      config: encodeProjectConfig({ digitalocean: withGateways("gw-2"), environment: "unit" }),
      systems: [digitaloceanSystem],
    });
    const verdict = dependentReplaced(
      deps,
      after.settle.name,
      after.route.name,
      after.route.replaceOnChanges,
    );
    assert.deepEqual(verdict.changedKeys.sort(), ["metadata", "spec"]);
    assert.equal(verdict.replaced, true, "the engine deletes the route before the settle resource");
    // Why "metadata" is in replaceOnChanges: the dependency makes all of `spec` unknown, and
    // "spec.gateway" does not contain "spec", so that path alone would not force the early delete.
    assert.equal(
      dependentReplaced(deps, after.settle.name, after.route.name, ["spec.gateway"]).replaced,
      false,
    );
  });

  test("the route's own diff is a replacement too (gateway change in place does nothing upstream)", async () => {
    const before = pair((await evaluateSection(withGateways("gw-1"))).recorder, "partner-a").route;
    const after = pair((await evaluateSection(withGateways("gw-2"))).recorder, "partner-a").route;
    const changed = changedPaths(before.inputs, after.inputs);
    assert.deepEqual(changed.sort(), [
      "metadata.labels.egress.failover-stacks.dev/gateway",
      "metadata.name",
      "spec.gateway",
    ]);
    for (const path of changed) {
      assert.ok(
        STATIC_ROUTE_REPLACE_ON_CHANGES.some((p) => pathContains(p, path.split(".").slice(0, 2).join("."))),
        path,
      );
    }
  });

  test("the planned steps run in order: delete route, wait, create settle, create route", async () => {
    const events: Array<[string, number]> = [];
    const start = Date.now();
    const mark = (what: string) => events.push([what, Date.now() - start]);
    const old: SettleDelayProps = {
      gateway: "10.110.0.5",
      metadata: { name: "egress-a-via-gw-1" },
      seconds: 0.2,
    };
    const next: SettleDelayProps = { ...old, gateway: "10.110.0.6", metadata: { name: "egress-a-via-gw-2" } };
    // The step chain the engine emits for a delete-before-replace with one dependent.
    mark("delete route egress-a-via-gw-1");
    await settleDelayProvider.delete!("old", old);
    mark("settle deleted");
    const created = await settleDelayProvider.create(next);
    mark(`create route ${(created.outs as SettleDelayProps).metadata.name}`);
    assert.deepEqual(
      events.map(([what]) => what),
      ["delete route egress-a-via-gw-1", "settle deleted", "create route egress-a-via-gw-2"],
    );
    assert.ok(
      events[2][1] - events[0][1] >= 190,
      `waited ${events[2][1] - events[0][1]} ms, settle is 200 ms`,
    );
  });
});

describe("changes that are not failovers", () => {
  test("a destination change is an in-place update: no settle replacement, no route replacement", async () => {
    const base = withGateways("gw-1");
    const changed = withGateways("gw-1", {
      routeSets: [
        { name: "partner-a", destinations: ["203.0.113.10", "198.51.100.0/28", "203.0.113.99"] },
        { name: "partner-b", destinations: ["203.0.113.64/27"] },
      ],
    });
    const before = pair((await evaluateSection(base)).recorder, "partner-a");
    const after = pair((await evaluateSection(changed)).recorder, "partner-a");
    const diff = await settleDelayProvider.diff!("id", settleProps(before.settle), settleProps(after.settle));
    assert.equal(diff.changes, false);
    const paths = changedPaths(before.route.inputs, after.route.inputs);
    assert.deepEqual(paths, ["spec.destinations"]);
    assert.equal(
      after.route.replaceOnChanges.some((p) => pathContains(p, "spec.destinations")),
      false,
    );
  });

  test("a settle-time change updates the settle resource in place", async () => {
    const props: SettleDelayProps = { gateway: "10.110.0.5", metadata: { name: "r" }, seconds: 45 };
    const diff = await settleDelayProvider.diff!("id", props, { ...props, seconds: 60 });
    assert.deepEqual(diff.replaces, []);
    assert.equal(diff.changes, true);
    assert.deepEqual((await settleDelayProvider.update!("id", props, { ...props, seconds: 60 })).outs, {
      ...props,
      seconds: 60,
    });
  });
});

describe("settle provider", () => {
  test("create passes its inputs through as outputs", async () => {
    const props: SettleDelayProps = {
      gateway: "10.110.0.5",
      metadata: { name: "r", labels: { a: "b" } },
      seconds: 45,
    };
    const result = await settleDelayProvider.create(props);
    assert.deepEqual(result.outs, props);
    assert.equal(result.id, "r@10.110.0.5");
  });

  test("delete refuses a nonsense settle time instead of not waiting", async () => {
    await assert.rejects(
      settleDelayProvider.delete!("x", { gateway: "g", metadata: { name: "r" }, seconds: -1 }),
    );
  });
});

/** Dotted paths of leaf values that differ (arrays compared whole). */
function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

function reverseTopological(recorder: ResourceRecorder): string[] {
  const visited = new Set<string>();
  const order: string[] = [];
  const visit = (r: RecordedResource) => {
    if (visited.has(r.urn)) return;
    visited.add(r.urn);
    for (const dep of r.dependsOn) {
      const d = recorder.byUrn(dep);
      if (d) visit(d);
    }
    order.push(r.name);
  };
  recorder.resources.forEach(visit);
  return order.reverse();
}
