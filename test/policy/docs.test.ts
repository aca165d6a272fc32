import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { allRules } from "../../policy/rules";
import { REPO_ROOT } from "../harness/stack-file";

test("docs/policies.md lists every rule of the pack", () => {
  const doc = readFileSync(path.join(REPO_ROOT, "docs", "policies.md"), "utf8");
  for (const rule of allRules) {
    assert.match(doc, new RegExp(`^\\| \`${rule.name}\` +\\|`, "m"), `docs/policies.md lacks ${rule.name}`);
    assert.equal(rule.enforcementLevel, "mandatory", `docs say every rule is mandatory; ${rule.name} is not`);
  }
});
