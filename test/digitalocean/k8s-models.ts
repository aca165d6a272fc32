/**
 * Schema validation through kubernetes-models loaded with `import()`. The package only exports an
 * `import` condition, so the shared harness's `require()`-based lookup (test/harness/k8s-schema.ts
 * findModel) finds no model for any kind; until the harness is fixed this area validates here.
 * (main has since made the harness use import() and an async validateManifest; after the merge
 * this file can go and the tests call the harness directly.) `await` works with either version.
 */
import { validateManifest, type ExtraValidator, type Manifest } from "../harness/k8s-schema";

interface ModelClass {
  new (data: Manifest): { validate(): void };
}

function modulePath(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group === ""
    ? `kubernetes-models/${version}/${kind}`
    : `kubernetes-models/${group}/${version}/${kind}`;
}

/** Like validateManifest: throws with the schema's message, or when no schema is known. */
export async function validateManifestEsm(
  manifest: Manifest,
  extraModels: Record<string, ExtraValidator> = {},
): Promise<void> {
  if (extraModels[`${manifest.apiVersion}/${manifest.kind}`]) {
    await Promise.resolve(validateManifest(manifest, extraModels));
    return;
  }
  let Model: ModelClass | undefined;
  try {
    const mod = (await import(modulePath(manifest.apiVersion, manifest.kind))) as Record<string, ModelClass>;
    Model = mod[manifest.kind];
  } catch {
    Model = undefined;
  }
  if (!Model) throw new Error(`no schema known for ${manifest.apiVersion}/${manifest.kind}`);
  try {
    new Model(manifest).validate();
  } catch (err) {
    const name = JSON.stringify((manifest.metadata as { name?: string } | undefined)?.name ?? "");
    throw new Error(`${manifest.apiVersion}/${manifest.kind} ${name} is invalid: ${(err as Error).message}`);
  }
}
