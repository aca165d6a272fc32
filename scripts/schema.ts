/**
 * `npm run schema`: regenerates components/schema.json the way Pulumi gets it: the package is
 * staged as it is packed, Pulumi's `cmd/run-plugin` serves it, and GetSchema's answer is written.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../offline/stack-file";
import { COMPONENTS_DIR, stageComponents } from "./package/components";
import { schemaOf } from "./package/plugin";

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "components-schema-"));
  try {
    const stage = stageComponents(path.join(work, "stage"));
    // The staged package resolves its peers (the SDK, the providers) as an installed one would.
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(stage, "node_modules"), "dir");
    const schema = await schemaOf(stage);
    fs.writeFileSync(path.join(COMPONENTS_DIR, "schema.json"), schema);
    const { resources } = JSON.parse(schema) as { resources: Record<string, unknown> };
    console.log(`wrote components/schema.json (${Object.keys(resources).length} components)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
