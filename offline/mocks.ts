/**
 * Sets up Pulumi's mock runtime with a recorder. `setMocks` may be called once per evaluation:
 * each call resets the SDK's settings, so one process can evaluate several stacks in turn.
 */
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { callMockFor, cloudAssignedState } from "./cloud-assigned";
import "./cloud-assigned-defaults";
import { ResourceRecorder } from "./recorder";

export const PROJECT = "failover-stacks";

type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;
interface PatchableMonitor {
  registerResource(req: unknown, callback: Callback): Promise<void>;
  readResource(req: unknown, callback: Callback): Promise<void>;
}

export interface MockOptions {
  readonly stack: string;
  /** Plain config values; every value must be a string (`PULUMI_CONFIG` semantics). */
  readonly config?: Record<string, string>;
  /** Config keys holding secrets, as in `PULUMI_CONFIG_SECRET_KEYS`. */
  readonly secretKeys?: readonly string[];
  /** Answers provider function calls (`getX`); unknown calls throw so no test silently gets `{}`. */
  readonly call?: (token: string, inputs: Record<string, unknown>) => Record<string, unknown>;
}

export async function installMocks(options: MockOptions): Promise<ResourceRecorder> {
  const recorder = new ResourceRecorder(PROJECT, options.stack);
  // The engine, not the SDK, marks `additionalSecretOutputs` secret; the patched monitor below
  // remembers them per resource so the mock can do the same.
  const secretOutputs = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(options.config ?? {})) {
    if (typeof value !== "string") throw new TypeError(`config ${key} must be a string, got ${typeof value}`);
  }
  await pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        const state: Record<string, unknown> = {
          ...inputs,
          ...cloudAssignedState(args.type, args.name, inputs),
        };
        for (const key of secretOutputs.get(`${args.type}::${args.name}`) ?? []) {
          if (state[key] !== undefined) state[key] = pulumi.secret(state[key]);
        }
        // The SDK sends "" (not undefined) for resources it creates rather than reads.
        return { id: args.id || `${args.name}-id`, state };
      },
      call: (args: pulumi.runtime.MockCallArgs) => {
        const inputs = args.inputs as Record<string, unknown>;
        if (options.call) return options.call(args.token, inputs);
        const registered = callMockFor(args.token);
        if (!registered) throw new Error(`unexpected provider call ${args.token} under mocks`);
        return registered(inputs);
      },
    },
    PROJECT,
    options.stack,
    false,
  );
  pulumi.runtime.setAllConfig(options.config ?? {}, [...(options.secretKeys ?? [])]);

  const monitor = settings.getMonitor() as unknown as PatchableMonitor;
  for (const method of ["registerResource", "readResource"] as const) {
    const original = monitor[method].bind(monitor);
    monitor[method] = (req: unknown, callback: Callback) => {
      const request = req as Parameters<ResourceRecorder["record"]>[0];
      const secrets = request.getAdditionalsecretoutputsList?.() ?? [];
      if (secrets.length > 0) secretOutputs.set(`${request.getType()}::${request.getName()}`, secrets);
      return original(req, (err, response) => {
        if (!err && response) recorder.record(request, response.getUrn(), method === "readResource");
        callback(err, response);
      });
    };
  }
  return recorder;
}
