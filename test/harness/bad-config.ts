/**
 * The bad-input table's assertion: a config is rejected with a message that names the key, the bad
 * value and a fix, and nothing at all was registered (the program ran under mocks).
 */
import assert from "node:assert/strict";
import { ConfigError } from "../../components/shared/config-errors";
import type { SystemModule } from "../../stacks/system";
import { projectConfig } from "../../stacks/config";
import { runProgram } from "../../stacks/program";
import { systems as allSystems } from "../../stacks/systems";
import { installMocks } from "./mocks";
import { settle } from "./resolve";

export interface BadInputCase {
  /** Short description, shown as the test name. */
  readonly name: string;
  /** Project config without the namespace: `{ openstack: {...}, production: true }`. */
  readonly config: Record<string, unknown>;
  /** The full key the message must name, e.g. `failover-stacks:openstack.vip`. */
  readonly key: string;
  /** A fragment of the bad value as printed (JSON), e.g. `"192.0.2.300"`. */
  readonly value: string;
  /** A fragment of the fix the message must give. */
  readonly fix: string | RegExp;
}

export function toPulumiConfig(config: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    result[`failover-stacks:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return result;
}

export async function assertRejected(
  testCase: BadInputCase,
  systems?: readonly SystemModule[],
): Promise<void> {
  const config = toPulumiConfig(testCase.config);
  const recorder = await installMocks({ stack: "bad-input", config });
  let error: unknown;
  try {
    runProgram(projectConfig(config), systems ?? allSystems);
  } catch (err) {
    error = err;
  }
  await settle();
  assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
  assert.equal(recorder.resources.length, 0, "a rejected config must register nothing");
  const match = error.problems.find((p) => p.key === testCase.key);
  assert.ok(match, `no problem for ${testCase.key}; got:\n${error.message}`);
  assert.ok(match.value.includes(testCase.value), `value ${match.value} does not include ${testCase.value}`);
  const fix = match.message.split(" Fix: ")[1] ?? "";
  assert.ok(fix.length > 0, `message has no fix: ${match.message}`);
  if (typeof testCase.fix === "string")
    assert.ok(fix.includes(testCase.fix), `fix "${fix}" lacks "${testCase.fix}"`);
  else assert.match(fix, testCase.fix);
}
