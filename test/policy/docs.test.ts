import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { allRules } from "../../policy/rules";
import { REPO_ROOT } from "../../offline/stack-file";

test("docs/policies.md lists every rule of the pack", () => {
  const doc = readFileSync(path.join(REPO_ROOT, "docs", "policies.md"), "utf8");
  for (const rule of allRules) {
    assert.match(doc, new RegExp(`^\\| \`${rule.name}\` +\\|`, "m"), `docs/policies.md lacks ${rule.name}`);
    // Mandatory unless the docs' row says advisory (and then it must be).
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${rule.name}\``)) ?? "";
    const kind = row.split("|")[2] ?? "";
    const documented = kind.includes("advisory") ? "advisory" : "mandatory";
    assert.equal(rule.enforcementLevel, documented, `docs/policies.md gives ${rule.name} another level`);
  }
});
