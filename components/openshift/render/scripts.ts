/**
 * The check and notify scripts: the user's bash body behind a fixed header. keepalived runs them
 * from the ConfigMap volume (mode 0755); see env.ts for the paths.
 */

/**
 * The container's log: PID 1 is the image's monitor.sh (ENTRYPOINT, no hostPID), whose stdout is
 * what `oc logs` shows. The image has no syslog (no /dev/log), and a script's own stdout is not
 * the container's, so the notify script sends its output here.
 */
export const CONTAINER_LOG = "/proc/1/fd/1";
import type { IpFailoverInstance } from "../config";
import { CHECK_SCRIPT_FILE, NOTIFY_SCRIPT_FILE } from "./env";

function script(header: readonly string[], body: string): string {
  const lines = ["#!/bin/bash", ...header, "set -o nounset -o pipefail", "", ...body.trimEnd().split("\n")];
  return `${lines.join("\n")}\n`;
}

/** Undefined when the instance checks a port instead. */
export function renderCheckScript(instance: IpFailoverInstance): string | undefined {
  if (instance.checkScript === undefined) return undefined;
  return script(
    [
      `# Check script of ipfailover instance ${instance.name} (rendered by failover-stacks).`,
      `# keepalived runs it every ${instance.checkInterval} s; exit 0 keeps this node eligible for the VIPs.`,
    ],
    instance.checkScript,
  );
}

/** Undefined when no notify script is configured. */
export function renderNotifyScript(instance: IpFailoverInstance): string | undefined {
  if (instance.notifyScript === undefined) return undefined;
  return script(
    [
      `# Notify script of ipfailover instance ${instance.name} (rendered by failover-stacks).`,
      "# keepalived calls it on every state change: $1 GROUP|INSTANCE, $2 the VRRP instance name,",
      "# $3 MASTER|BACKUP|FAULT|STOP, $4 the priority. Output goes to the pod log (oc logs).",
      `exec >>${CONTAINER_LOG} 2>&1`,
    ],
    instance.notifyScript,
  );
}

/** ConfigMap data: file name to contents, only for the scripts that exist. */
export function renderScripts(instance: IpFailoverInstance): Record<string, string> {
  const data: Record<string, string> = {};
  const check = renderCheckScript(instance);
  const notify = renderNotifyScript(instance);
  if (check !== undefined) data[CHECK_SCRIPT_FILE] = check;
  if (notify !== undefined) data[NOTIFY_SCRIPT_FILE] = notify;
  return data;
}
