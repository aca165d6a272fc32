/**
 * The `digitalocean` config section: NAT egress gateways (droplets or the managed VPC NAT gateway),
 * the DOKS cluster and the static routes that send partner traffic through the gateways. The
 * cross-field rules live in ./validate.ts as free functions of plain data.
 */
import { z } from "zod";
import { problem, secretText, type ConfigIssue } from "../shared/config-errors";
import { digestSchema, productionDigestMessage } from "../shared/image-ref";
import { isRfc1918, overlaps, parseNetwork } from "../shared/ip";
import {
  clientCidr,
  distinctList,
  dnsLabel,
  ipv4Address,
  ipv4Destination,
  networkCidr,
} from "../shared/zod-net";
import { checkAccess, ipv4ClientCidr, sshKey } from "./access";
import {
  DEFAULT_DROPLET_IMAGE,
  DEFAULT_DROPLET_SIZE,
  DEFAULT_CLUSTER_HA,
  DEFAULT_HEALTH_PORT,
  DEFAULT_MANAGED_SIZE,
  DEFAULT_SETTLE_SECONDS,
  OPERATOR_IMAGE,
} from "./constants";
import { checkDigitalOcean } from "./validate";

const region = z.string().superRefine((value, ctx) => {
  if (!/^[a-z]{3}[0-9]$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem("not a DigitalOcean region slug", "use a slug such as fra1, ams3 or nyc3"),
    });
  }
});

const slug = (what: string, example: string) =>
  z.string().superRefine((value, ctx) => {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: problem(`not a ${what} slug`, `use a slug such as ${example}`),
      });
    }
  });

/**
 * DigitalOcean's VPC limits (API reference, POST /v2/vpcs `ip_range`, and "How to Plan Your Custom
 * VPC Network", docs.digitalocean.com/products/networking/vpc/concepts/plan-your-network/): RFC 1918
 * space only, "not smaller than /28 nor larger than /16", and not the ranges DOKS reserves for its
 * default pod and service networks and its internal range.
 */
export const VPC_MIN_PREFIX = 16;
export const VPC_MAX_PREFIX = 28;
export const DO_RESERVED_RANGES = ["10.244.0.0/16", "10.245.0.0/16", "10.246.0.0/24"] as const;

const vpcRange = networkCidr.superRefine((value, ctx) => {
  const parsed = parseNetwork(value);
  if (!parsed.ok || parsed.cidr.address.kind() !== "ipv4") return;
  const add = (what: string, fix: string) => ctx.addIssue({ code: "custom", message: problem(what, fix) });
  const { cidr } = parsed;
  if (!isRfc1918(cidr)) {
    add(
      "DigitalOcean VPC ranges must be RFC 1918 private space",
      "use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, such as 10.110.0.0/20",
    );
  } else if (cidr.prefix < VPC_MIN_PREFIX || cidr.prefix > VPC_MAX_PREFIX) {
    add(
      `DigitalOcean VPC ranges are /${VPC_MIN_PREFIX} to /${VPC_MAX_PREFIX}; /${cidr.prefix} is refused`,
      `use a prefix from /${VPC_MIN_PREFIX} to /${VPC_MAX_PREFIX}, such as ${cidr.address.toString()}/20`,
    );
  }
  const reserved = DO_RESERVED_RANGES.find((text) => {
    const block = parseNetwork(text);
    return block.ok && overlaps(block.cidr, cidr);
  });
  if (reserved) {
    add(
      `the range overlaps ${reserved}, which DigitalOcean reserves (DOKS default pod/service networks)`,
      "choose a VPC range outside 10.244.0.0/16, 10.245.0.0/16 and 10.246.0.0/24",
    );
  }
});

/**
 * kube-apiserver refuses a service range over 20 bits ("specified --service-cluster-ip-range is too
 * large; for 32-bit addresses, the mask must be >= 12"), and DOKS passes service_subnet to it.
 */
export const SERVICE_CIDR_MIN_PREFIX = 12;

function checkServiceRange(value: string, ctx: z.RefinementCtx): void {
  const parsed = parseNetwork(value);
  if (!parsed.ok || parsed.cidr.address.kind() !== "ipv4" || parsed.cidr.prefix >= SERVICE_CIDR_MIN_PREFIX)
    return;
  ctx.addIssue({
    code: "custom",
    message: problem(
      `a service CIDR larger than /${SERVICE_CIDR_MIN_PREFIX} is refused by kube-apiserver`,
      `use a prefix of /${SERVICE_CIDR_MIN_PREFIX} or longer, such as 10.245.0.0/16`,
    ),
  });
}

/** The DOKS cluster and service subnets are routed inside the VPC: private space only. */
const clusterRange = networkCidr.superRefine((value, ctx) => {
  const parsed = parseNetwork(value);
  if (!parsed.ok || parsed.cidr.address.kind() !== "ipv4" || isRfc1918(parsed.cidr)) return;
  ctx.addIssue({
    code: "custom",
    message: problem(
      "DOKS cluster and service subnets must be RFC 1918 private space (a public range would capture real traffic to it)",
      "use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, such as 10.244.0.0/16",
    ),
  });
});

const vpcSchema = z
  .object({
    /** ID of an existing VPC; when absent a VPC is created. */
    id: z.string().min(1).optional(),
    /** Name of the created VPC. @default "<environment>-egress" */
    name: dnsLabel.optional(),
    /** The VPC's IPv4 range: of the existing VPC, or the one to create. */
    cidr: vpcRange,
  })
  .strict();

const gatewaysSchema = z
  .object({
    /** Number of gateway droplets (managed mode: 1). @default 2 in droplet mode */
    count: z.number().int().min(1).max(10).optional(),
    /** Gateway names; activeGateway may refer to them. @default ["gw-1", "gw-2", ...] */
    names: distinctList(dnsLabel, "two droplets and two StaticRoutes would get the same name").optional(),
    /** Droplet size slug. @default "s-1vcpu-1gb" */
    size: slug("droplet size", DEFAULT_DROPLET_SIZE).default(DEFAULT_DROPLET_SIZE),
    /** Droplet image slug (a Debian/Ubuntu image with iptables). @default "debian-12-x64" */
    image: slug("image", DEFAULT_DROPLET_IMAGE).default(DEFAULT_DROPLET_IMAGE),
    /**
     * Known VPC addresses of the gateways, in order. When given they are used as route gateways
     * (plain values, visible in previews) and, in managed mode, as the NAT gateway's VPC address.
     */
    privateIps: distinctList(ipv4Address, "two gateways cannot share one VPC address").optional(),
    /** TCP port of the gateways' health endpoint on their VPC address. @default 8080 */
    healthPort: z.number().int().min(1).max(65535).default(DEFAULT_HEALTH_PORT),
    /**
     * Networks the gateways' own input filter admits to the health endpoint. Nothing in the stack
     * probes it (uptime checks and the routing agent use ICMP); it is for curl from inside the VPC.
     * @default [vpc.cidr] (nodes and VPC droplets, not pods)
     */
    healthCidrs: distinctList(ipv4ClientCidr, "the input filter would list the source twice").optional(),
    /** Managed mode: size (capacity units) of the VPC NAT gateway. @default 1 */
    managedSize: z.number().int().min(1).default(DEFAULT_MANAGED_SIZE),
  })
  .strict();

const routeSetSchema = z
  .object({
    /** Route set name; becomes part of the StaticRoute/Route object name. */
    name: dnsLabel,
    /** Partner addresses or networks (IPv4) whose traffic leaves through the gateways. */
    destinations: distinctList(
      ipv4Destination,
      'the operator fails with "File exists" on every node for a second identical route',
    ).min(1),
  })
  .strict();

const clusterSchema = z
  .object({
    /** DOKS cluster name: of the cluster to create, or of an existing one. */
    name: dnsLabel,
    /** Create the cluster in the gateways' VPC. Absent: use an existing cluster. */
    create: z
      .object({
        /** DOKS version slug, e.g. "1.33.1-do.0". */
        version: z.string().min(1),
        nodePool: z
          .object({
            /** @default "default" */
            name: dnsLabel.default("default"),
            size: slug("droplet size", "s-2vcpu-4gb"),
            count: z.number().int().min(1),
          })
          .strict(),
        /** Highly available control plane. @default false */
        ha: z.boolean().default(DEFAULT_CLUSTER_HA),
      })
      .strict()
      .optional(),
    /** Kubeconfig of an existing cluster (store it as a secret: `pulumi config set --secret`). */
    kubeconfig: secretText("cluster.kubeconfig").optional(),
    /** Context inside the kubeconfig. @default the kubeconfig's current context */
    context: z.string().min(1).optional(),
    /** The cluster's pod CIDR (DOKS cluster subnet). */
    podCidr: clusterRange,
    /** The cluster's service CIDR (DOKS service subnet). */
    serviceCidr: clusterRange.superRefine(checkServiceRange),
    /** The cluster API endpoint's address, when known; routes must not capture it. */
    apiEndpoint: ipv4Address.optional(),
  })
  .strict();

const alertsSchema = z
  .object({
    /** Addresses that get an email when a gateway stops answering pings. */
    emails: distinctList(
      z.email({ error: problem("not an email address", "write ops@example.com") }),
      "the uptime alert would notify that address twice",
    ).default([]),
    slack: z
      .object({
        channel: z.string().min(1),
        /** Incoming-webhook URL; a secret (`pulumi config set --secret`). */
        url: secretText("alerts.slack.url"),
      })
      .strict()
      .optional(),
  })
  .strict();

const operatorSchema = z
  .object({
    /** Operator image; pinned to the release whose manifests this repo renders. */
    image: z.literal(OPERATOR_IMAGE, {
      error: problem(
        "unsupported operator image",
        `use ${OPERATOR_IMAGE} (the manifests are rendered for it)`,
      ),
    }),
    /** Image digest (`sha256:<64 hex>`) that pins the exact bytes; required in production. @default none */
    digest: digestSchema.optional(),
  })
  .strict();

/**
 * Production pulls the operator by digest: it runs on every node with hostNetwork and NET_ADMIN, so
 * a republished tag could rewrite every node's routes. The routing agent backend runs no operator.
 */
export function operatorDigestIssues(
  config: Pick<DigitalOceanConfig, "backend" | "operator">,
  production: boolean,
): ConfigIssue[] {
  if (!production || config.backend !== "staticroute-operator" || config.operator.digest !== undefined)
    return [];
  return [
    {
      path: ["operator", "digest"],
      message: productionDigestMessage(config.operator.image, "on every node with hostNetwork and NET_ADMIN"),
    },
  ];
}

export const digitaloceanSchema = z
  .object({
    region,
    vpc: vpcSchema,
    /** `droplets`: NAT gateway droplets; `managed`: DigitalOcean's VPC NAT gateway. @default "droplets" */
    mode: z.enum(["droplets", "managed"]).default("droplets"),
    /** How nodes learn the routes. @default "staticroute-operator" */
    backend: z.enum(["staticroute-operator", "routing-agent"]).default("staticroute-operator"),
    gateways: gatewaysSchema.default({
      size: DEFAULT_DROPLET_SIZE,
      image: DEFAULT_DROPLET_IMAGE,
      healthPort: DEFAULT_HEALTH_PORT,
      managedSize: DEFAULT_MANAGED_SIZE,
    }),
    /** The gateway the StaticRoutes point at: a name from `gateways.names` or a 0-based index. @default 0 */
    activeGateway: z.union([z.number().int().min(0), dnsLabel]).default(0),
    routeSets: z.array(routeSetSchema).min(1),
    cluster: clusterSchema,
    /** Give each gateway a reserved IP (protected, retained on delete) that partners allowlist. @default false */
    reservedIps: z.boolean().default(false),
    alerts: alertsSchema.default({ emails: [] }),
    /** Networks allowed to SSH to the gateways. @default [] (no SSH) */
    adminCidrs: distinctList(
      clientCidr,
      "the firewall rule would list the source twice, which DigitalOcean refuses",
    ).default([]),
    /**
     * DigitalOcean SSH key IDs or MD5 fingerprints put on the gateway droplets; required when
     * adminCidrs allows SSH. Without keys DigitalOcean emails a root password (locked at boot).
     * @default []
     */
    sshKeys: distinctList(sshKey, "the droplet would list the key twice").default([]),
    /** Seconds to wait between deleting the old StaticRoute and creating the new one. @default 45 */
    settleSeconds: z.number().int().min(30).max(600).default(DEFAULT_SETTLE_SECONDS),
    operator: operatorSchema.default({ image: OPERATOR_IMAGE }),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const issue of [...checkDigitalOcean(config), ...checkAccess(config)]) {
      ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
    }
  });

export type DigitalOceanConfig = z.output<typeof digitaloceanSchema>;
