/**
 * kubernetes-models is ESM-only (its package exports have only an `import` condition), so the
 * `require()` lookup in k8s-schema.ts finds no model at all. This loads the models with dynamic
 * import() and hands them to `validateManifest` as extra models, so the same validation runs.
 */
import { validateManifest, type ExtraValidator, type Manifest } from "./k8s-schema";

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

/** Validates every manifest against its kubernetes-models schema; throws on the first invalid one. */
export async function validateManifestsEsm(manifests: readonly Manifest[]): Promise<void> {
  const extra: Record<string, ExtraValidator> = {};
  for (const { apiVersion, kind } of manifests) {
    const key = `${apiVersion}/${kind}`;
    if (extra[key]) continue;
    const Model = await loadModel(apiVersion, kind);
    if (!Model) throw new Error(`no schema known for ${key}`);
    extra[key] = (manifest) => {
      try {
        new Model(manifest).validate();
      } catch (err) {
        throw new Error(
          `${key} ${JSON.stringify(manifest.metadata?.name ?? "")} is invalid: ${(err as Error).message}`,
        );
      }
    };
  }
  for (const manifest of manifests) validateManifest(manifest, extra);
}
