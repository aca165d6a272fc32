/**
 * An approximation of the keepalived.conf the image generates on one node, built from the
 * rendered env with the rules in image-rules.ts and keepalived's documented syntax, so that
 * `keepalived -t` can judge what our env leads to. Not emulated: priorities (the image randomises
 * them), e-mail settings. Like the image, auth_pass is the whole config name. Scripts get `enable_script_security` so keepalived's only complaint about
 * the image's layout (scripts as root without it) does not hide real ones.
 */
import {
  imageExpandVips,
  imageInstanceName,
  imageRelease,
  imageStartsAsMaster,
  imageVrrpInstances,
} from "../../components/openshift/image-rules";

export interface NodeView {
  /** The node's address on the interface (decides which instances start as MASTER). */
  readonly address: string;
  /** The interface that exists where keepalived -t runs (the env's one may not). */
  readonly interface: string;
  /** Where the rendered scripts were written, by env path. */
  readonly scriptFiles: Readonly<Record<string, string>>;
}

/**
 * `image` is the container's image reference: its release decides whether nopreempt keeps
 * `state MASTER` out (release-4.18 on) or not (release-4.16 and 4.17).
 */
export function imageKeepalivedConf(
  env: Readonly<Record<string, string>>,
  node: NodeView,
  image: string,
): string {
  const release = imageRelease(image);
  if (!release) throw new Error(`no image release in ${image}`);
  const name = env.OPENSHIFT_HA_CONFIG_NAME ?? "OpenShift-IPFailover";
  const checkName = `chk_${name.replace(/-/g, "_")}`;
  const vips = imageExpandVips(env.OPENSHIFT_HA_VIRTUAL_IPS ?? "").addresses;
  const groups = Number(env.OPENSHIFT_HA_VIP_GROUPS ?? "0") || undefined;
  const offset = Number(env.OPENSHIFT_HA_VRRP_ID_OFFSET ?? "10");
  const replicas = Number(env.OPENSHIFT_HA_REPLICA_COUNT ?? "1");
  const preemption = env.OPENSHIFT_HA_PREEMPTION ?? "preempt_delay 300";
  const peers = (env.OPENSHIFT_HA_UNICAST_PEERS ?? "").split(",").filter((p) => p !== "");
  const port = (env.OPENSHIFT_HA_MONITOR_PORT ?? "80").replace(/[^0-9]/g, "");
  const check = env.OPENSHIFT_HA_CHECK_SCRIPT;
  const notify = env.OPENSHIFT_HA_NOTIFY_SCRIPT;
  const script = check
    ? node.scriptFiles[check]
    : port === "0"
      ? "/bin/true"
      : `/bin/bash -c '</dev/tcp/${node.address}/${port}'`;

  const lines = [
    "global_defs {",
    `   router_id ${name.replace(/[^A-Za-z0-9_-]/g, "").replace(/-/g, "_")}`,
    "   enable_script_security",
    "   script_user root",
    "}",
    `vrrp_script ${checkName} {`,
    `   script "${script}"`,
    `   interval ${env.OPENSHIFT_HA_CHECK_INTERVAL ?? "2"}`,
    "}",
  ];
  for (const instance of imageVrrpInstances(vips, groups, offset)) {
    const master = imageStartsAsMaster(node.address, replicas, instance.index, preemption, release);
    lines.push(
      `vrrp_instance ${imageInstanceName(name, instance.index)} {`,
      `   interface ${node.interface}`,
      ...(master ? ["   state MASTER"] : []),
      `   virtual_router_id ${instance.routerId}`,
      "   priority 100",
      `   ${preemption}`,
      "   authentication {",
      "      auth_type PASS",
      `      auth_pass ${name}`,
      "   }",
      "   track_script {",
      `      ${checkName}`,
      "   }",
      ...(notify ? [`   notify "${node.scriptFiles[notify]}"`] : []),
      ...(peers.length > 0 ? ["   unicast_peer {", ...peers.map((p) => `      ${p}`), "   }"] : []),
      "   virtual_ipaddress {",
      ...instance.vips.map((vip) => `      ${vip} dev ${node.interface}`),
      "   }",
      "}",
    );
  }
  return `${lines.join("\n")}\n`;
}
