/** The namespace created in every member cluster (fleet "namespace sameness"). */
import { commonLabels, type KubeObject } from "./object";

export const ISTIO_REVISION_LABEL = "istio.io/rev";

/**
 * With a revision, the namespace gets `istio.io/rev=<rev>` and never `istio-injection`: when both
 * are present, `istio-injection` silently wins and pods get the default revision's sidecar.
 */
export function renderNamespace(name: string, app: string, istioRevision?: string): KubeObject {
  const labels: Record<string, string> = { ...commonLabels(app) };
  if (istioRevision !== undefined) labels[ISTIO_REVISION_LABEL] = istioRevision;
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}
