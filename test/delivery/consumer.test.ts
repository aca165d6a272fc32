import assert from "node:assert/strict";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import {
  checkContractVersion,
  checkOutput,
  FailoverStackOutputs,
  OutputContractError,
} from "../../stacks/consumer";
import { CONTRACT_VERSION } from "../../stacks/outputs";
import { installMocks } from "../../offline/mocks";
import { resolveDetailed } from "../../offline/resolve";
import { registerCloudAssigned } from "../../offline/cloud-assigned";

test("checkOutput accepts contract shapes and names the key when a shape is wrong", () => {
  assert.deepEqual(checkOutput("acme/prod", "systems", ["openstack"]), ["openstack"]);
  assert.throws(
    () => checkOutput("acme/prod", "systems", "openstack"),
    /stack output systems of acme\/prod: has an unexpected shape/,
  );
  assert.throws(() => checkOutput("acme/prod", "nope", 1), OutputContractError);
  // A failing check inside an Output fails the deployment; the message is what the user sees.
  assert.throws(
    () => checkContractVersion("acme/prod", CONTRACT_VERSION + 1),
    /contractVersion of acme\/prod: is 2, this consumer expects 1 \(@failover-stacks\/contract 1.x\); read docs\/outputs.md/,
  );
});

// The mock echoes a StackReference read's inputs; these are the outputs the referenced stack "has".
registerCloudAssigned("pulumi:pulumi:StackReference", (name) => ({
  outputs: { contractVersion: CONTRACT_VERSION, systems: ["openstack"], stack: name },
  secretOutputNames: ["systems"],
}));

test("the consumer reads through requireOutput: values validated, secret outputs stay secret", async () => {
  const recorder = await installMocks({ stack: "consumer" });
  const ref = new FailoverStackOutputs("acme/failover-stacks/prod");
  const systems = await resolveDetailed(ref.require("systems"));
  assert.deepEqual(systems.value, ["openstack"]);
  assert.equal(systems.isSecret, true, "a secret output of the referenced stack stays secret");
  assert.equal(recorder.ofType("pulumi:pulumi:StackReference").length, 1);
});

test("secretness survives the consumer's validation", async () => {
  const value = pulumi.secret(["openstack"]);
  const checked = pulumi.output(value).apply((v) => checkOutput("acme/prod", "systems", v));
  const resolved = await resolveDetailed(checked);
  assert.deepEqual(resolved.value, ["openstack"]);
  assert.equal(resolved.isSecret, true);
});
