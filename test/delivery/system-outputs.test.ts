/**
 * Each system owns its output schemas and `defineSystem` types `deploy` by them. The type cases
 * below are checked by `tsc` (the file is in tsconfig's include): each `@ts-expect-error` fails the
 * typecheck if the line under it stops being an error. The run-time tests tie the systems list to
 * the contract.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defineSystem } from "../../components/shared/system";
import { outputSchemas } from "../../stacks/contract";
import { systems } from "../../stacks/systems";

const section = { section: "typed", title: "type test", schema: z.object({}) } as const;
const outputs = {
  vip: z.string(),
  ports: z.array(z.number()),
  lb: z.object({ name: z.string(), address: z.string() }).nullable(),
};

/** Declared only: the type cases never run `deploy`. */
const address = (): pulumi.Output<string> => pulumi.output("192.0.2.10");

// Plain values, Outputs, nested Outputs, and leaving a key out all compile.
defineSystem({ ...section, outputs, deploy: () => ({ vip: "192.0.2.10", ports: [6443] }) });
defineSystem({
  ...section,
  outputs,
  deploy: () => ({ vip: address(), lb: { name: "a", address: address() } }),
});
defineSystem({ ...section, outputs, deploy: () => ({ lb: pulumi.output(null), ports: pulumi.output([1]) }) });

// @ts-expect-error a key without an output schema
defineSystem({ ...section, outputs, deploy: () => ({ vip: "192.0.2.10", notInOutputs: 1 }) });

interface NamedOutputs {
  readonly vip: pulumi.Output<string>;
  readonly extra: pulumi.Output<string>;
}
const deployNamed = (): NamedOutputs => ({ vip: address(), extra: address() });
// @ts-expect-error an extra key through a named return type (no excess-property check helps here)
defineSystem({ ...section, outputs, deploy: deployNamed });

// @ts-expect-error a number where the schema says string
defineSystem({ ...section, outputs, deploy: () => ({ vip: 6443 }) });

// @ts-expect-error an Output of the wrong type
defineSystem({ ...section, outputs, deploy: () => ({ ports: pulumi.output(["6443"]) }) });

// @ts-expect-error a nested field of the wrong type
defineSystem({ ...section, outputs, deploy: () => ({ lb: { name: "a", address: 1 } }) });

test("every registered system's output schemas are the contract's own (one definition each)", () => {
  const seen = new Set<string>();
  for (const system of systems) {
    for (const [key, schema] of Object.entries(system.outputs)) {
      assert.ok(!seen.has(key), `${key} is declared by two systems`);
      seen.add(key);
      assert.equal(
        (outputSchemas as Record<string, z.ZodType>)[key],
        schema,
        `${system.section}.${key} is not the contract's schema`,
      );
    }
  }
  const base = ["contractVersion", "environment", "systems"];
  assert.deepEqual(
    [...seen].sort(),
    Object.keys(outputSchemas)
      .filter((key) => !base.includes(key))
      .sort(),
  );
});
