/**
 * kubernetes-models 5 is ESM-only (its package `exports` have only an `import` condition), so the
 * `require()` in k8s-schema.ts's findModel cannot load core, discovery or networking models and
 * validateManifest reports "no schema known". This loads them with dynamic `import()` and hands
 * them to validateManifest as extraModels, so the same validate() of the same package runs.
 */
import type { ExtraValidator, Manifest } from "./k8s-schema";

interface ModelClass {
  new (data: Manifest): { validate(): void };
}

function modulePath(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group === ""
    ? `kubernetes-models/${version}/${kind}`
    : `kubernetes-models/${group}/${version}/${kind}`;
}

/** Validators for the given `apiVersion/Kind` keys (e.g. `v1/Service`), loaded from kubernetes-models. */
export async function loadKubernetesModels(
  keys: readonly (readonly [apiVersion: string, kind: string])[],
): Promise<Record<string, ExtraValidator>> {
  const result: Record<string, ExtraValidator> = {};
  for (const [apiVersion, kind] of keys) {
    const mod = (await import(modulePath(apiVersion, kind))) as Record<string, ModelClass | undefined>;
    const Model = mod[kind];
    if (!Model) throw new Error(`kubernetes-models has no ${kind} in ${modulePath(apiVersion, kind)}`);
    result[`${apiVersion}/${kind}`] = (manifest: Manifest) => {
      try {
        new Model(manifest).validate();
      } catch (err) {
        throw new Error(
          `${apiVersion}/${kind} ${JSON.stringify(manifest.metadata?.name ?? "")} is invalid: ${(err as Error).message}`,
        );
      }
    };
  }
  return result;
}
