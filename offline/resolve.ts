/** Unwraps Outputs under the mock runtime, with a timeout: an unresolved Output would hang a test. */
import * as pulumi from "@pulumi/pulumi";

export const DEFAULT_RESOLVE_TIMEOUT_MS = 10_000;

export interface Resolved<T> {
  readonly value: T;
  readonly isSecret: boolean;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not resolve within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves an Input (plain value, Promise or Output) and reports whether it was secret. */
export async function resolveDetailed<T>(
  input: pulumi.Input<T>,
  timeoutMs = DEFAULT_RESOLVE_TIMEOUT_MS,
): Promise<Resolved<pulumi.Unwrap<T>>> {
  const output = pulumi.output(input);
  // An unknown Output never runs its apply callback; the timeout turns that hang into an error.
  const [value, isSecret] = await withTimeout(
    Promise.all([
      new Promise<pulumi.Unwrap<T>>((resolve) => output.apply((v) => resolve(v))),
      pulumi.isSecret(output),
    ]),
    timeoutMs,
    "Output",
  );
  return { value, isSecret };
}

export async function resolve<T>(
  input: pulumi.Input<T>,
  timeoutMs = DEFAULT_RESOLVE_TIMEOUT_MS,
): Promise<pulumi.Unwrap<T>> {
  return (await resolveDetailed(input, timeoutMs)).value;
}

/** Waits until every outstanding RPC (resource registration) has finished. */
export async function settle(timeoutMs = DEFAULT_RESOLVE_TIMEOUT_MS): Promise<void> {
  // waitForRPCs is exported at run time but left out of the SDK's typings.
  const settings = (await import("@pulumi/pulumi/runtime/settings")) as unknown as {
    waitForRPCs(): Promise<void>;
  };
  await withTimeout(settings.waitForRPCs(), timeoutMs, "resource registrations");
}
