/**
 * Names derived from config that a DigitalOcean API limits. Checked with the section (crossCheck)
 * so a long name is refused before anything registers, not thrown by a component halfway through.
 */
import { problem } from "../shared/config-errors";
import type { ConfigIssue } from "../shared/config-errors";
import { planGateways } from "./plan";
import type { CheckedConfig } from "./validate";

/** A droplet's name is its host name: one DNS label of at most 63 characters (RFC 1123). */
export const DROPLET_NAME_MAX = 63;

/**
 * Droplets are named `<environment>-egress-<gateway>`; a long environment plus a long gateway name
 * would only fail in the component, after other resources registered. Checked here instead.
 */
export function checkDerivedNames(config: CheckedConfig, environment: string): ConfigIssue[] {
  if (config.mode === "managed") return [];
  const given = config.gateways.names;
  return planGateways(config, environment).flatMap(({ name, resourceName: droplet }, i) => {
    if (droplet.length <= DROPLET_NAME_MAX) return [];
    // What the environment prefix leaves for the gateway's own name.
    const room = DROPLET_NAME_MAX - (droplet.length - name.length);
    return [
      {
        path: given ? ["gateways", "names", i] : ["gateways"],
        message: problem(
          `the droplet name ${droplet} is ${droplet.length} characters; a droplet name is its host name, at most ${DROPLET_NAME_MAX}`,
          `shorten the gateway name to at most ${room} characters, or the environment`,
        ),
      },
    ];
  });
}
