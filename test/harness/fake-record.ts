/** A RecordedResource built by hand, for tests of code that reads records (synth, baselines). */
import type { RecordedResource } from "../../offline/recorder";

export function fakeRecord(urn: string, extra: Partial<RecordedResource> = {}): RecordedResource {
  const [, , qualifiedType = "", name = ""] = urn.split("::");
  return {
    type: qualifiedType.split("$").pop() ?? qualifiedType,
    name,
    urn,
    inputs: {},
    secretPaths: [],
    dependsOn: [],
    custom: true,
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    aliases: [],
    read: false,
    mockUrn: urn,
    ...extra,
  };
}
