/**
 * The `openshift` config section: one cluster (kubeconfig or context) and one or more ipfailover
 * instances. Everything the image would misread is rejected here, before anything registers.
 * Field reference: docs/openshift-ipfailover.md.
 */
import { z } from "zod";
import type { GlobalSettings } from "../shared/settings";
import { plural, problem, secretText, type ConfigIssue } from "../shared/config-errors";
import { digestSchema, productionDigestMessage } from "../shared/image-ref";
import { distinctList, dnsLabel, dnsName, interfaceName, ipv4Address } from "../shared/zod-net";
import { imageHonoursNopreempt, imageRelease, imageVrrpInstances, NOPREEMPT_FIXED_IN } from "./image-rules";
import { checkLabels } from "./labels";
import { expandValidVips, parseVipEntry } from "./vips";

export const DEFAULT_NAMESPACE = "ipfailover";
export const DEFAULT_IMAGE_REPOSITORY = "quay.io/openshift/origin-keepalived-ipfailover";
export const DEFAULT_NODE_SELECTOR: Readonly<Record<string, string>> = {
  "node-role.kubernetes.io/worker": "",
};
/** keepalived's own bounds: virtual_router_id 1..255, preempt_delay 0..1000 s. */
export const MAX_ROUTER_ID = 255;
export const MAX_PREEMPT_DELAY = 1000;

const custom = (what: string, fix: string) => ({ code: "custom" as const, message: problem(what, fix) });

const vipEntry = z.string().superRefine((value, ctx) => {
  const parsed = parseVipEntry(value);
  if (!parsed.ok) ctx.addIssue(custom(parsed.what, parsed.fix));
});

const scriptBody = z.string().superRefine((value, ctx) => {
  if (value.trim().length === 0) ctx.addIssue(custom("the script is empty", "write at least one command"));
  else if (value.startsWith("#!"))
    ctx.addIssue(custom("the script has its own #! line", "leave it out; the component writes #!/bin/bash"));
  else if (/[\r\0]/.test(value))
    ctx.addIssue(custom("the script contains CR or NUL characters", "save it with Unix line endings"));
  else if (value.length > 64 * 1024)
    ctx.addIssue(custom("the script is larger than 64 KiB", "keep the script short; call a binary for more"));
  else if (/(^|[^\w.-])logger($|[^\w.-])/.test(value))
    ctx.addIssue(
      custom(
        "the script calls logger, but the pod has no /dev/log, so the message is lost",
        "write the message with echo (a notify script's output goes to the pod log: oc logs)",
      ),
    );
});

const preemption = z.union(
  [
    z.object({ nopreempt: z.literal(true) }).strict(),
    z.object({ preemptDelay: z.number().int().min(0).max(MAX_PREEMPT_DELAY) }).strict(),
  ],
  {
    error: problem(
      "preemption must be {nopreempt: true} or {preemptDelay: <0-1000 seconds>}",
      "write preemption: {nopreempt: true} (recommended) or preemption: {preemptDelay: 300}",
    ),
  },
);

const imageSchema = z
  .object({
    /** Image repository. @default "quay.io/openshift/origin-keepalived-ipfailover" */
    repository: z
      .string()
      .regex(/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)+$/, {
        error: problem(
          "not an image repository",
          "write registry/path, such as quay.io/openshift/origin-keepalived-ipfailover",
        ),
      })
      .default(DEFAULT_IMAGE_REPOSITORY),
    /** A pinned tag (never `latest`). */
    tag: z.string().superRefine((value, ctx) => {
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(value))
        ctx.addIssue(custom("not an image tag", "write the tag of your cluster's release, such as 4.18"));
      else if (value === "latest")
        ctx.addIssue(
          custom("latest is not a pinned tag", "write the tag of your cluster's release, such as 4.18"),
        );
    }),
    /** Digest (`sha256:<64 hex>`); when set the image is pulled by digest. Required in production. @default none */
    digest: digestSchema.optional(),
  })
  .strict();

const instanceObject = z
  .object({
    /** Instance name: OPENSHIFT_HA_CONFIG_NAME and the prefix of every object name. */
    name: dnsLabel,
    /** Namespace of the instance's objects. @default "ipfailover" */
    namespace: dnsLabel.default(DEFAULT_NAMESPACE),
    /** VIPs in order: addresses and last-octet ranges (`192.0.2.10-12`). */
    virtualIps: z.array(vipEntry).min(1),
    /** Number of VRRP instances to spread the VIPs over. @default one VRRP instance per VIP */
    vipGroups: z.number().int().min(1).optional(),
    /** Host interface that carries the VIPs and VRRP. Required: the image falls back silently. */
    interface: interfaceName,
    /** Port every selected node listens on (0: no check). Exactly one of monitorPort, checkScript. */
    monitorPort: z.number().int().min(0).max(65535).optional(),
    /** Bash body of the check script (exit 0 = healthy). Exactly one of monitorPort, checkScript. */
    checkScript: scriptBody.optional(),
    /** Seconds between checks. @default 2 */
    checkInterval: z.number().int().min(1).max(3600).default(2),
    /** Router ids are vrrpIdOffset+1 .. vrrpIdOffset+N; required because image defaults differ. */
    vrrpIdOffset: z
      .number()
      .int()
      .min(0)
      .max(MAX_ROUTER_ID - 1),
    /** Pods, one per node; also OPENSHIFT_HA_REPLICA_COUNT. */
    replicas: z.number().int().min(1).max(64),
    /** Optional: the node names the pods must run on; replicas must then equal their number. */
    nodes: distinctList(
      dnsName,
      "replicas and OPENSHIFT_HA_REPLICA_COUNT would count that node twice, and one pod would stay Pending forever",
    )
      .min(1)
      .optional(),
    /** Node labels that select the nodes. @default {"node-role.kubernetes.io/worker": ""} */
    nodeSelector: z
      .record(z.string(), z.string())
      .superRefine((labels, ctx) => {
        for (const issue of checkLabels(labels)) ctx.addIssue(custom(issue.what, issue.fix));
      })
      .default({ ...DEFAULT_NODE_SELECTOR }),
    /** VRRP over unicast to these node addresses; empty means multicast. @default [] */
    unicastPeers: distinctList(
      ipv4Address,
      "keepalived would list that peer twice and replicas would count it twice",
    ).default([]),
    /** @default {nopreempt: true} */
    preemption: preemption.default({ nopreempt: true }),
    /** OPENSHIFT_HA_IPTABLES_CHAIN: chain that gets an ACCEPT for 224.0.0.18. @default none */
    iptablesChain: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,28}$/, {
        error: problem("not an iptables chain name", "write a chain such as INPUT"),
      })
      .optional(),
    /** Bash body run on every VRRP state change ($1 GROUP|INSTANCE, $2 name, $3 state). */
    notifyScript: scriptBody.optional(),
    image: imageSchema,
    /** Name of an existing pull secret in the namespace. @default none */
    pullSecret: dnsName.optional(),
  })
  .strict();

export type IpFailoverInstance = z.output<typeof instanceObject>;

/** Number of VRRP instances (one router id each) the image makes, by its own grouping rule. */
export function vrrpInstanceCount(instance: Pick<IpFailoverInstance, "virtualIps" | "vipGroups">): number {
  return imageVrrpInstances(expandValidVips(instance.virtualIps), instance.vipGroups, 0).length;
}

/** Router ids the instance will use: vrrpIdOffset+1 .. vrrpIdOffset+count. */
export function routerIdRange(
  instance: Pick<IpFailoverInstance, "virtualIps" | "vipGroups" | "vrrpIdOffset">,
): { first: number; last: number } {
  return { first: instance.vrrpIdOffset + 1, last: instance.vrrpIdOffset + vrrpInstanceCount(instance) };
}

export function formatIds(range: { first: number; last: number }): string {
  return range.first === range.last ? String(range.first) : `${range.first}-${range.last}`;
}

function checkInstance(instance: IpFailoverInstance, ctx: z.RefinementCtx): void {
  const add = (path: (string | number)[], what: string, fix: string) =>
    ctx.addIssue({ ...custom(what, fix), path });
  const vips = expandValidVips(instance.virtualIps);
  // Ranges may repeat an address of an earlier entry, so compare what each entry expands to.
  const firstEntry = new Map<string, number>();
  instance.virtualIps.forEach((entry, i) => {
    const parsed = parseVipEntry(entry);
    if (!parsed.ok) return;
    const repeated = parsed.addresses.find((vip) => (firstEntry.get(vip) ?? i) !== i);
    if (repeated !== undefined) {
      add(
        ["virtualIps", i],
        `entry [${i}] repeats ${repeated} of entry [${firstEntry.get(repeated)}]; the image would configure that VIP twice`,
        `list every VIP once: remove ${repeated} from entry [${i}]`,
      );
    }
    for (const vip of parsed.addresses) if (!firstEntry.has(vip)) firstEntry.set(vip, i);
  });
  if (instance.vipGroups !== undefined && instance.vipGroups > vips.length) {
    add(
      ["vipGroups"],
      `${instance.vipGroups} VIP groups for ${plural(vips.length, "VIP", "VIPs")}; the image would make only ${vips.length}`,
      `use at most ${vips.length}, or leave vipGroups out for one VRRP instance per VIP`,
    );
  }
  checkNopreemptRelease(instance, add);
  const { last } = routerIdRange(instance);
  if (last > MAX_ROUTER_ID) {
    add(
      ["vrrpIdOffset"],
      `router ids would run to ${last}; keepalived allows 1-${MAX_ROUTER_ID} and the image does not check`,
      `set vrrpIdOffset to at most ${Math.max(0, MAX_ROUTER_ID - (last - instance.vrrpIdOffset))}, or set vipGroups to share router ids`,
    );
  }
  if (instance.monitorPort !== undefined && instance.checkScript !== undefined) {
    add(
      ["monitorPort"],
      "both monitorPort and checkScript are set; the image ignores the port whenever a check script is given",
      "keep one: remove monitorPort (the script is the check) or remove checkScript",
    );
  }
  if (instance.monitorPort === undefined && instance.checkScript === undefined) {
    add(
      ["monitorPort"],
      "no health check chosen (the image would probe port 80 on each node's own address)",
      "set monitorPort to a port every selected node listens on, monitorPort: 0 for no check, or a checkScript",
    );
  }
  if (instance.nodes && instance.replicas !== instance.nodes.length) {
    add(
      ["replicas"],
      `replicas is ${instance.replicas} but ${plural(instance.nodes.length, "node is", "nodes are")} listed; OPENSHIFT_HA_REPLICA_COUNT must equal the pods that run`,
      `set replicas to ${instance.nodes.length}, or list exactly ${plural(instance.replicas, "node", "nodes")}`,
    );
  }
  const peers = instance.unicastPeers;
  if (peers.length > 0 && instance.replicas !== peers.length) {
    add(
      ["replicas"],
      `replicas is ${instance.replicas} but ${plural(peers.length, "unicast peer is", "unicast peers are")} listed; with unicast every pod's node must be a peer`,
      `set replicas to ${peers.length}, or list the address of exactly ${plural(instance.replicas, "node", "nodes")}`,
    );
  }
  if (peers.length > 0 && !instance.nodes) {
    add(
      ["nodes"],
      "unicast peers are set but the pods are not pinned to the peers' nodes; a pod on an unlisted node hears no adverts and takes the VIPs too",
      "list the names of the peers' nodes in nodes (as many as unicastPeers)",
    );
  }
  peers.forEach((peer, i) => {
    if (vips.includes(peer))
      add(["unicastPeers", i], `${peer} is one of the VIPs`, "list the nodes' own addresses, not VIPs");
  });
}

const FIXED = `${NOPREEMPT_FIXED_IN.major}.${NOPREEMPT_FIXED_IN.minor}`;

/** nopreempt holds only where the image's generator leaves `state MASTER` out (see image-rules.ts). */
function checkNopreemptRelease(
  instance: IpFailoverInstance,
  add: (path: (string | number)[], what: string, fix: string) => void,
): void {
  if (!("nopreempt" in instance.preemption)) return;
  const release = imageRelease(instance.image.tag);
  if (!release) {
    add(
      ["image", "tag"],
      `tag ${instance.image.tag} names no release, so whether the image honours nopreempt is unknown`,
      `use the release tag (${FIXED} or later, such as ${FIXED}) or its digest, or set preemption: {preemptDelay: 300}`,
    );
  } else if (!imageHonoursNopreempt(release)) {
    add(
      ["image", "tag"],
      `the ${release.major}.${release.minor} image starts some VRRP instances as MASTER even with nopreempt; keepalived then clears nopreempt and a restarted pod takes the VIPs back (OCPBUGS-33629, fixed in ${FIXED})`,
      `use image tag ${FIXED} or later, or set preemption: {preemptDelay: 300} (best effort on this image)`,
    );
  }
}

export const instanceSchema = instanceObject.superRefine(checkInstance);

export const openshiftSchema = z
  .object({
    /** Kubeconfig contents (store it with `pulumi config set --secret`). Exactly one of kubeconfig, context. */
    kubeconfig: secretText("kubeconfig").optional(),
    /** A context of the ambient kubeconfig. Exactly one of kubeconfig, context. */
    context: z.string().min(1).optional(),
    /** Create (and label for privileged pods) every namespace the instances use. @default true */
    createNamespaces: z.boolean().default(true),
    instances: z.array(instanceSchema).min(1),
  })
  .strict()
  .superRefine((section, ctx) => {
    if ((section.kubeconfig === undefined) === (section.context === undefined)) {
      ctx.addIssue({
        ...custom(
          section.kubeconfig === undefined ? "no cluster given" : "both kubeconfig and context are set",
          "set exactly one: kubeconfig (as a secret) or context",
        ),
        path: ["context"],
      });
    }
    checkAcrossInstances(section.instances, ctx);
  });

export type OpenShiftConfig = z.output<typeof openshiftSchema>;

function checkAcrossInstances(instances: readonly IpFailoverInstance[], ctx: z.RefinementCtx): void {
  const add = (i: number, field: string, what: string, fix: string) =>
    ctx.addIssue({ ...custom(what, fix), path: ["instances", i, field] });
  const vipOwner = new Map<string, number>();
  instances.forEach((instance, i) => {
    const earlier = instances.slice(0, i);
    if (earlier.some((e) => e.name === instance.name)) {
      add(i, "name", `instance name ${instance.name} is used twice`, "give every instance its own name");
    }
    const range = routerIdRange(instance);
    const clash = earlier.find((e) => {
      const other = routerIdRange(e);
      return range.first <= other.last && other.first <= range.last;
    });
    if (clash) {
      const other = routerIdRange(clash);
      const free = Math.max(...earlier.map((e) => routerIdRange(e).last));
      add(
        i,
        "vrrpIdOffset",
        `router ids ${formatIds(range)} overlap instance ${clash.name}'s ${formatIds(other)}`,
        `set vrrpIdOffset to ${free} or more (ids must be unique on the network segment)`,
      );
    }
    for (const vip of new Set(expandValidVips(instance.virtualIps))) {
      const owner = vipOwner.get(vip);
      if (owner !== undefined) {
        const ownerName = instances[owner].name;
        add(
          i,
          "virtualIps",
          `${vip} is also a VIP of instance ${ownerName}`,
          "give every VIP to one instance only",
        );
      } else vipOwner.set(vip, i);
    }
  });
}

/**
 * Production needs a second node for every instance (one pod cannot fail over), and the image by
 * digest: it runs privileged on the host network, so a republished tag would be root on the nodes.
 */
export function openshiftCrossCheck(config: OpenShiftConfig, settings: GlobalSettings): ConfigIssue[] {
  if (!settings.production) return [];
  return config.instances.flatMap((instance, i): ConfigIssue[] => [
    ...(instance.replicas < 2
      ? [
          {
            path: ["instances", i, "replicas"],
            message: problem(
              "production needs at least 2 replicas (one pod has nothing to fail over to)",
              "select at least 2 nodes and set replicas to their number",
            ),
          },
        ]
      : []),
    ...(instance.image.digest === undefined
      ? [
          {
            path: ["instances", i, "image", "digest"],
            message: productionDigestMessage(
              `${instance.image.repository}:${instance.image.tag}`,
              "privileged on the host network of every selected node",
            ),
          },
        ]
      : []),
  ]);
}
