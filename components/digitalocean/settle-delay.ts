/**
 * A wait the Pulumi engine runs between deleting an old StaticRoute and creating its replacement.
 *
 * A dynamic resource whose `delete` sleeps, rather than `@pulumiverse/time`'s `Sleep`: that one is
 * a separate provider plugin every deploy environment (CI runners, the operator's laptop) would
 * have to install and pin, and is not a dependency here; this needs only the Node.js SDK the stack
 * already runs, and the order below is proven by test/digitalocean/failover-order.test.ts. The
 * StaticRoute takes its `metadata` and `spec.gateway` from this resource's outputs, so its inputs
 * depend on it; it is delete-before-replace with `replaceOnChanges: ["metadata", "spec.gateway"]`.
 * When the gateway (or the object's metadata) changes, this resource is replaced delete-before-
 * replace, and the engine must first delete every dependent that the replacement would replace:
 *
 *   1. delete the old StaticRoute (the Kubernetes provider waits for the operator's finalizer);
 *   2. delete the old SettleDelay: sleep `seconds` while every node's operator removes its route;
 *   3. create the new SettleDelay (no wait);
 *   4. create the new StaticRoute under its new name.
 *
 * Destination changes are plain in-place updates (the operator's update handler adds and removes
 * destinations for an unchanged gateway), so they do not pass through here.
 */
import * as pulumi from "@pulumi/pulumi";

/** Inputs as the provider functions see them (plain values). */
export interface SettleDelayProps {
  /** The gateway address the route points at; a change replaces this resource. */
  readonly gateway: string;
  /** The StaticRoute's metadata (name, labels); a change replaces this resource. */
  readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
  /** Seconds the delete waits. */
  readonly seconds: number;
}

/** Keys whose change must replace (and therefore wait). `seconds` alone is an in-place update. */
export const SETTLE_REPLACE_KEYS = ["gateway", "metadata"] as const;

/**
 * The dynamic provider. Its functions are plain (Pulumi serializes them, with the one constant
 * they capture, SETTLE_REPLACE_KEYS, into the state), and exported so tests can run them with a
 * tiny `seconds`.
 */
export const settleDelayProvider: pulumi.dynamic.ResourceProvider<SettleDelayProps, SettleDelayProps> = {
  diff(_id: string, olds: SettleDelayProps, news: SettleDelayProps) {
    const replaces = SETTLE_REPLACE_KEYS.filter(
      (key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]),
    );
    return Promise.resolve({
      changes: replaces.length > 0 || olds.seconds !== news.seconds,
      replaces,
      deleteBeforeReplace: true,
    });
  },
  create(inputs: SettleDelayProps) {
    // The id only needs to be unique among this stack's settle resources.
    return Promise.resolve({ id: `${inputs.metadata.name}@${inputs.gateway}`, outs: inputs });
  },
  update(_id: string, _olds: SettleDelayProps, news: SettleDelayProps) {
    return Promise.resolve({ outs: news });
  },
  async delete(_id: string, props: SettleDelayProps) {
    const seconds = Number(props.seconds);
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new Error(`invalid settle time ${String(props.seconds)}`);
    await new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));
  },
};

export interface SettleDelayArgs {
  /** The active gateway's VPC address. */
  gateway: pulumi.Input<string>;
  /** Metadata of the StaticRoute that follows this wait. */
  metadata: pulumi.Input<SettleDelayProps["metadata"]>;
  /** Seconds to wait when the route is deleted (EgressRoutes passes DEFAULT_SETTLE_SECONDS when unset). */
  seconds: number;
}

export class SettleDelay extends pulumi.dynamic.Resource {
  /** The gateway, passed through so the StaticRoute depends on this resource. */
  declare readonly gateway: pulumi.Output<string>;
  /** The StaticRoute metadata, passed through for the same reason. */
  declare readonly metadata: pulumi.Output<SettleDelayProps["metadata"]>;
  declare readonly seconds: pulumi.Output<number>;

  constructor(name: string, args: SettleDelayArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      settleDelayProvider,
      name,
      { gateway: args.gateway, metadata: args.metadata, seconds: args.seconds },
      {
        ...opts,
        deleteBeforeReplace: true,
        replaceOnChanges: [...SETTLE_REPLACE_KEYS],
      },
      "failover",
      "SettleDelay",
    );
  }
}
