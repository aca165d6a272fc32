/**
 * Test-only helpers for the failover-order proof.
 *
 * `withPropertyDependencies` evaluates a program like evaluateProgram and also records each
 * resource's property dependencies (which input key depends on which resource), which the shared
 * recorder does not keep.
 *
 * `dependentReplacements` models the one engine rule the failover order rests on (pulumi/pulumi,
 * pkg/resource/deploy/step_generator.go, calculateDependentReplacements + applyReplaceOnChanges):
 * when a resource is replaced delete-before-replace, each dependent's input keys that depend on it
 * become unknown; the dependent is deleted first when its diff would replace it, which
 * `replaceOnChanges` forces when one of its paths is a prefix of (contains) a changed key.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { runProgram } from "../../stacks/program";
import { projectConfig } from "../../stacks/config";
import type { SystemModule } from "../../components/shared/system";
import { installMocks, type MockOptions } from "../../offline/mocks";
import type { ResourceRecorder } from "../../offline/recorder";
import { resolve, settle } from "../../offline/resolve";

interface DependencyRequest {
  getName(): string;
  getType(): string;
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
}
type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;

/** name -> input key -> names of the resources that key depends on. */
export type PropertyDependencies = Map<string, Map<string, string[]>>;

export async function withPropertyDependencies(
  options: MockOptions & { systems: readonly SystemModule[] },
): Promise<{ recorder: ResourceRecorder; deps: PropertyDependencies }> {
  const recorder = await installMocks(options);
  const pending: Array<{ name: string; map: Map<string, string[]> }> = [];
  const monitor = settings.getMonitor() as unknown as {
    registerResource(req: unknown, cb: Callback): Promise<void>;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: unknown, cb: Callback) => {
    const request = req as DependencyRequest;
    const map = new Map<string, string[]>();
    request.getPropertydependenciesMap().forEach((value, key) => map.set(key, value.getUrnsList()));
    pending.push({ name: request.getName(), map });
    return original(req, cb);
  };
  const outputs = runProgram(projectConfig(pulumi.runtime.allConfig()), options.systems);
  for (const value of Object.values(outputs)) await resolve(value);
  await settle();
  const deps: PropertyDependencies = new Map();
  for (const { name, map } of pending) {
    const named = new Map<string, string[]>();
    for (const [key, urns] of map) {
      named.set(
        key,
        urns.map((u) => recorder.byUrn(u)?.name ?? u),
      );
    }
    deps.set(name, named);
  }
  return { recorder, deps };
}

/** Does replaceOnChanges path `path` contain property path `key` (is it a prefix of it)? */
export function pathContains(path: string, key: string): boolean {
  const p = path.split(".");
  const k = key.split(".");
  return k.length >= p.length && p.every((part, i) => part === "*" || part === k[i]);
}

/**
 * Would replacing `root` delete-before-replace delete `dependent` first? Its keys that depend on
 * `root` become unknown (a whole top-level key changes); replaceOnChanges decides.
 */
export function dependentReplaced(
  deps: PropertyDependencies,
  root: string,
  dependent: string,
  replaceOnChanges: readonly string[],
): { replaced: boolean; changedKeys: string[] } {
  const changedKeys = [...(deps.get(dependent) ?? new Map<string, string[]>())]
    .filter(([, on]) => on.includes(root))
    .map(([key]) => key);
  return {
    replaced: changedKeys.some((key) => replaceOnChanges.some((path) => pathContains(path, key))),
    changedKeys,
  };
}
