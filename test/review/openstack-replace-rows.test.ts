/**
 * The OpenStack rows of the replacement table equal what the pinned SDK documents: for each row, the
 * inputs of `<Type>Args` whose JSDoc (wrapped lines joined) says "Changing this creates a new".
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { OPENSTACK_SDK_VERSION, REPLACE_ON_CHANGE } from "../../scripts/review/replace-on-change";

const SDK_ROOT = path.dirname(require.resolve("@pulumi/openstack/package.json"));
const PHRASE = "Changing this creates a new";

/** `/** a\n * b *\/` -> `a b`: the doc text with its line breaks and leading stars folded away. */
const docText = (raw: string): string =>
  raw
    .replace(/^\/\*\*|\*\/$/g, "")
    .replace(/\n\s*\*/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The inputs of `interfaceName` in `file` documented as replacing the resource. */
function documentedReplacing(file: string, interfaceName: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const decl = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName,
  );
  assert.ok(decl, `${file}: no interface ${interfaceName}`);
  return decl.members
    .filter(ts.isPropertySignature)
    .filter((m) => ts.getJSDocCommentsAndTags(m).some((doc) => docText(doc.getText(source)).includes(PHRASE)))
    .map((m) => m.name.getText(source))
    .sort();
}

test("the installed @pulumi/openstack is the version the table's sources name", () => {
  const pkg = JSON.parse(readFileSync(path.join(SDK_ROOT, "package.json"), "utf8")) as { version: string };
  assert.equal(pkg.version.replace(/^v/, ""), OPENSTACK_SDK_VERSION);
});

test("a JSDoc whose phrase wraps onto a second line still counts", () => {
  assert.equal(
    docText("/**\n * The zone. Changing this creates\n * a new server.\n */"),
    "The zone. Changing this creates a new server.",
  );
});

const rows = Object.entries(REPLACE_ON_CHANGE).filter(([type]) => type.startsWith("openstack:"));

test("the table has the OpenStack types the stacks register", () => {
  assert.ok(rows.length >= 10, `${rows.length} OpenStack rows`);
});

for (const [type, rule] of rows) {
  test(`${type}: the row is exactly the inputs the pinned SDK documents as replacing`, () => {
    const [, module, name] = type.split(":");
    const file = path.join(SDK_ROOT, `${module}.d.ts`);
    assert.deepEqual([...rule.paths].sort(), documentedReplacing(file, `${name}Args`));
  });
}
