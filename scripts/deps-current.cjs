"use strict";
/**
 * Exit 0 when node_modules holds exactly the versions package-lock.json locks (npm's own record,
 * node_modules/.package-lock.json), so first-use set-up runs `npm ci` only when it is needed.
 * Optional packages for other platforms are never installed, so their absence is fine.
 * Plain CommonJS: it runs on whatever node the machine has, before anything is installed.
 */
const fs = require("node:fs");
const path = require("node:path");

function depsProblems(root) {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8")).packages ?? {};
  let installed;
  try {
    installed = read("node_modules/.package-lock.json");
  } catch {
    return ["node_modules is not installed"];
  }
  const problems = [];
  for (const [key, locked] of Object.entries(read("package-lock.json"))) {
    if (!key.startsWith("node_modules/") || locked.link) continue;
    const have = installed[key];
    if (!have) {
      if (!locked.optional) problems.push(`${key} is missing`);
    } else if (have.version !== locked.version) {
      problems.push(`${key} is ${have.version}, the lock says ${locked.version}`);
    }
  }
  return problems;
}

module.exports = { depsProblems };

if (require.main === module) {
  const problems = depsProblems(path.resolve(__dirname, ".."));
  if (problems.length > 0) {
    console.error(
      `setup: npm dependencies out of date (${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "; …" : ""})`,
    );
    process.exitCode = 1;
  }
}
