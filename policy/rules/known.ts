/**
 * Reading resource inputs that may be unknown: under `pulumi preview` the policy SDK wraps inputs
 * in a proxy that throws UnknownValueError on a value the cloud has not assigned yet.
 */
import * as policy from "@pulumi/policy";

/** Exported by the SDK at run time, but its typings (proxy.d.ts) declare nothing. */
const { UnknownValueError } = policy as unknown as { UnknownValueError: new (...args: never[]) => Error };

/** The value, or undefined when it is unknown during preview (the caller decides what that means). */
export function known<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnknownValueError) return undefined;
    throw err;
  }
}
