/** Evaluates the gke system alone under mocks, with a given section. */
import { encodeProjectConfig } from "../../stacks/config";
import { evaluateProgram, type Evaluation } from "../../offline/evaluate";
import type { RecordedResource } from "../../offline/recorder";
import { gkeSystem } from "../../components/gcp/system";

export async function evaluateGke(gke: Record<string, unknown>, production = false): Promise<Evaluation> {
  return evaluateProgram({
    stack: "unit",
    config: encodeProjectConfig({ gke, production }),
    // As if kubeconfigs and keys were set with `pulumi config set --secret`: the section is secret.
    secretKeys: ["failover-stacks:gke"],
    systems: [gkeSystem],
  });
}

/** The provider record a resource was registered with, or undefined for the default provider. */
export function providerName(evaluation: Evaluation, record: RecordedResource): string | undefined {
  return record.provider ? evaluation.recorder.byUrn(record.provider)?.name : undefined;
}

export const k8sObjects = (evaluation: Evaluation): RecordedResource[] =>
  evaluation.recorder.resources.filter((r) => r.type.startsWith("kubernetes:"));
