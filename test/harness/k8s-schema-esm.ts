/**
 * kubernetes-models is ESM-only (its package exports have only an `import` condition), so the
 * `require()` lookup in k8s-schema.ts (at this branch's base) finds no model at all. This loads the
 * models with dynamic import() and validates with them. Main has since fixed k8s-schema.ts the same
 * way (async validateManifest); after a merge this file can give way to it.
 */
import type { Manifest } from "./k8s-schema";

interface ModelClass {
  new (data: Manifest): { validate(): void };
}

function modulePaths(apiVersion: string, kind: string): string[] {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group === ""
    ? [`kubernetes-models/${version}/${kind}`]
    : [`kubernetes-models/${group}/${version}/${kind}`, `@kubernetes-models/gke/${group}/${version}/${kind}`];
}

async function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  for (const modulePath of modulePaths(apiVersion, kind)) {
    try {
      const mod = (await import(modulePath)) as Record<string, ModelClass | undefined>;
      if (mod[kind]) return mod[kind];
    } catch {
      // Not in this package; try the next.
    }
  }
  return undefined;
}

/**
 * Validates every manifest against its kubernetes-models schema. Rejects on the first invalid one
 * with the schema's message, and on a kind without a schema (nothing passes unvalidated).
 */
export async function validateManifestsEsm(manifests: readonly Manifest[]): Promise<void> {
  for (const manifest of manifests) {
    const key = `${manifest.apiVersion}/${manifest.kind}`;
    const Model = await loadModel(manifest.apiVersion, manifest.kind);
    if (!Model) throw new Error(`no schema known for ${key}`);
    try {
      new Model(manifest).validate();
    } catch (err) {
      const name = JSON.stringify(manifest.metadata?.name ?? "");
      throw new Error(`${key} ${name} is invalid: ${(err as Error).message}`);
    }
  }
}
