/** The example stacks: every `stacks/Pulumi.<stack>.yaml` in the repo. */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./stack-file";

export function exampleStacks(): string[] {
  return readdirSync(path.join(REPO_ROOT, "stacks"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}
