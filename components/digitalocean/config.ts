/**
 * The `digitalocean` config section: NAT egress gateways (droplets or the managed VPC NAT gateway),
 * the DOKS cluster and the static routes that send partner traffic through the gateways. The
 * cross-field rules live in ./validate.ts as free functions of plain data.
 */
import { z } from "zod";
import { problem } from "../shared/config-errors";
import { digestSchema, productionDigestMessage } from "../shared/image-ref";
import { clientCidr, dnsLabel, ipv4Address, ipv4Destination, networkCidr } from "../shared/zod-net";
import { checkAccess, ipv4ClientCidr, sshKey } from "./access";
import { DEFAULT_SETTLE_SECONDS, OPERATOR_IMAGE } from "./constants";
import { checkDigitalOcean, type Issue } from "./validate";

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

const ipv4Network = networkCidr.superRefine((value, ctx) => {
  if (value.includes(":")) {
    ctx.addIssue({ code: "custom", message: problem("IPv6 is not supported here", "use an IPv4 CIDR") });
  }
});

const vpcSchema = z
  .object({
    /** ID of an existing VPC; when absent a VPC is created. */
    id: z.string().min(1).optional(),
    /** Name of the created VPC. @default "<environment>-egress" */
    name: dnsLabel.optional(),
    /** The VPC's IPv4 range: of the existing VPC, or the one to create. */
    cidr: ipv4Network,
  })
  .strict();

const gatewaysSchema = z
  .object({
    /** Number of gateway droplets (managed mode: 1). @default 2 in droplet mode */
    count: z.number().int().min(1).max(10).optional(),
    /** Gateway names; activeGateway may refer to them. @default ["gw-1", "gw-2", ...] */
    names: z.array(dnsLabel).optional(),
    /** Droplet size slug. @default "s-1vcpu-1gb" */
    size: slug("droplet size", "s-1vcpu-1gb").default("s-1vcpu-1gb"),
    /** Droplet image slug (a Debian/Ubuntu image with iptables). @default "debian-12-x64" */
    image: slug("image", "debian-12-x64").default("debian-12-x64"),
    /**
     * Known VPC addresses of the gateways, in order. When given they are used as route gateways
     * (plain values, visible in previews) and, in managed mode, as the NAT gateway's VPC address.
     */
    privateIps: z.array(ipv4Address).optional(),
    /** TCP port of the gateways' health endpoint on their VPC address. @default 8080 */
    healthPort: z.number().int().min(1).max(65535).default(8080),
    /**
     * Networks the gateways' own input filter admits to the health endpoint. Nothing in the stack
     * probes it (uptime checks and the routing agent use ICMP); it is for curl from inside the VPC.
     * @default [vpc.cidr] (nodes and VPC droplets, not pods)
     */
    healthCidrs: z.array(ipv4ClientCidr).optional(),
    /** Managed mode: size (capacity units) of the VPC NAT gateway. @default 1 */
    managedSize: z.number().int().min(1).default(1),
  })
  .strict();

const routeSetSchema = z
  .object({
    /** Route set name; becomes part of the StaticRoute/Route object name. */
    name: dnsLabel,
    /** Partner addresses or networks (IPv4) whose traffic leaves through the gateways. */
    destinations: z.array(ipv4Destination).min(1),
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
        ha: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /** Kubeconfig of an existing cluster (store it as a secret: `pulumi config set --secret`). */
    kubeconfig: z.string().min(1).optional(),
    /** Context inside the kubeconfig. @default the kubeconfig's current context */
    context: z.string().min(1).optional(),
    /** The cluster's pod CIDR (DOKS cluster subnet). */
    podCidr: ipv4Network,
    /** The cluster's service CIDR (DOKS service subnet). */
    serviceCidr: ipv4Network,
    /** The cluster API endpoint's address, when known; routes must not capture it. */
    apiEndpoint: ipv4Address.optional(),
  })
  .strict();

const alertsSchema = z
  .object({
    /** Addresses that get an email when a gateway stops answering pings. */
    emails: z.array(z.email({ error: problem("not an email address", "write ops@example.com") })).default([]),
    slack: z
      .object({
        channel: z.string().min(1),
        /** Incoming-webhook URL; a secret (`pulumi config set --secret`). */
        url: z.string().min(1),
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
): Issue[] {
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
      size: "s-1vcpu-1gb",
      image: "debian-12-x64",
      healthPort: 8080,
      managedSize: 1,
    }),
    /** The gateway the StaticRoutes point at: a name from `gateways.names` or a 0-based index. @default 0 */
    activeGateway: z.union([z.number().int().min(0), dnsLabel]).default(0),
    routeSets: z.array(routeSetSchema).min(1),
    cluster: clusterSchema,
    /** Give each gateway a reserved IP (protected, retained on delete) that partners allowlist. @default false */
    reservedIps: z.boolean().default(false),
    alerts: alertsSchema.default({ emails: [] }),
    /** Networks allowed to SSH to the gateways. @default [] (no SSH) */
    adminCidrs: z.array(clientCidr).default([]),
    /**
     * DigitalOcean SSH key IDs or MD5 fingerprints put on the gateway droplets; required when
     * adminCidrs allows SSH. Without keys DigitalOcean emails a root password (locked at boot).
     * @default []
     */
    sshKeys: z.array(sshKey).default([]),
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
