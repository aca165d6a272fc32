/**
 * The bad-input table's assertion: a config is rejected with a message that names the key, the bad
 * value and a fix, and nothing at all was registered (the program ran under mocks).
 */
import assert from "node:assert/strict";
import { ConfigError, type ConfigProblem } from "../../components/shared/config-errors";
import type { SystemModule } from "../../components/shared/system";
import { encodeProjectConfig, projectConfig } from "../../stacks/config";
import { runProgram } from "../../stacks/program";
import { systems as allSystems } from "../../stacks/systems";
import { installMocks } from "../../offline/mocks";
import { settle } from "../../offline/resolve";

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
  /** Config of other namespaces (provider keys such as `digitalocean:token`). @default none */
  readonly providerConfig?: Readonly<Record<string, string>>;
  /** Full keys stored with `pulumi config set --secret` (PULUMI_CONFIG_SECRET_KEYS). @default none */
  readonly secretKeys?: readonly string[];
}

export async function assertRejected(
  testCase: BadInputCase,
  systems?: readonly SystemModule[],
): Promise<void> {
  const config = { ...encodeProjectConfig(testCase.config), ...testCase.providerConfig };
  const recorder = await installMocks({ stack: "bad-input", config, secretKeys: testCase.secretKeys });
  let error: unknown;
  try {
    runProgram(projectConfig(config), systems ?? allSystems);
  } catch (err) {
    error = err;
  }
  await settle();
  assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
  assert.equal(recorder.resources.length, 0, "a rejected config must register nothing");
  const atKey = error.problems.filter((p) => p.key === testCase.key);
  assert.ok(atKey.length > 0, `no problem for ${testCase.key}; got:\n${error.message}`);
  // A key may carry several problems (a plain-text secret and a cross-field rule): one must match.
  const fixOf = (message: string) => message.split(" Fix: ")[1] ?? "";
  const fits = (p: ConfigProblem) => {
    const fix = fixOf(p.message);
    const fixOk = typeof testCase.fix === "string" ? fix.includes(testCase.fix) : testCase.fix.test(fix);
    return p.value.includes(testCase.value) && fix.length > 0 && fixOk;
  };
  assert.ok(
    atKey.some(fits),
    `no problem at ${testCase.key} has value ~ ${testCase.value} and fix ~ ${String(testCase.fix)}; got:\n` +
      atKey.map((p) => `  ${p.value}: ${p.message}`).join("\n"),
  );
}
