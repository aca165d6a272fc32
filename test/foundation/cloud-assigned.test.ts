/** Placeholders for cloud-assigned values: several systems may register one type, and all apply. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cloudAssignedState, registerCloudAssigned } from "../../offline/cloud-assigned";

test("every registration of a type applies, and nested objects merge", () => {
  const type = "test:index/merged:Merged";
  registerCloudAssigned(type, (name) => ({ status: { address: `${name}-address` }, id: "first" }));
  registerCloudAssigned(type, (name, inputs) => ({
    status: { ready: true },
    spec: { ...(inputs.spec as object), clusterIP: `${name}-ip` },
    id: "second",
  }));
  assert.deepEqual(cloudAssignedState(type, "svc", { spec: { ports: [80] } }), {
    status: { address: "svc-address", ready: true },
    spec: { ports: [80], clusterIP: "svc-ip" },
    id: "second",
  });
  assert.deepEqual(cloudAssignedState("test:index/none:None", "x", {}), {});
});
