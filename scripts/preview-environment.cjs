"use strict";
/**
 * `node scripts/preview-environment.cjs <stack>`: points stacks/Pulumi.<stack>.yaml at the stack's
 * preview-only ESC environment (failover-stacks/<stack> -> failover-stacks/<stack>-preview) in the
 * runner's checkout, so a pull-request preview opens read-only credentials. The guard is not this
 * script (pull-request code could skip it) but ESC access: the preview team can open only the
 * -preview environments (docs/delivery.md). Comments and layout of the file are kept.
 */
const fs = require("node:fs");
const path = require("node:path");

const ENV_PROJECT = "failover-stacks";
const deployEnvironment = (stack) => `${ENV_PROJECT}/${stack}`;
const previewEnvironment = (stack) => `${ENV_PROJECT}/${stack}-preview`;

/** The stack file's text with its deploy environment import replaced; throws if it has none. */
function toPreview(stack, text) {
  const { parseDocument } = require("yaml");
  const doc = parseDocument(text);
  const imports = doc.get("environment");
  const items = imports && typeof imports.items === "object" ? imports.items : undefined;
  const index = items ? items.findIndex((item) => item.value === deployEnvironment(stack)) : -1;
  if (index < 0)
    throw new Error(
      `stacks/Pulumi.${stack}.yaml environment: does not import ${deployEnvironment(stack)}. ` +
        `Fix: add "environment: [${deployEnvironment(stack)}]" (docs/delivery.md)`,
    );
  imports.set(index, previewEnvironment(stack));
  return doc.toString();
}

module.exports = { ENV_PROJECT, deployEnvironment, previewEnvironment, toPreview };

if (require.main === module) {
  const [stack] = process.argv.slice(2);
  if (!stack || !/^[a-z0-9-]+$/.test(stack)) {
    console.error("usage: node scripts/preview-environment.cjs <stack>");
    process.exit(2);
  }
  const file = path.resolve(__dirname, "..", "stacks", `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, toPreview(stack, fs.readFileSync(file, "utf8")));
  console.log(`stacks/Pulumi.${stack}.yaml now imports ${previewEnvironment(stack)}`);
}
