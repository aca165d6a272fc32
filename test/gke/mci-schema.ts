/**
 * Schemas for the kinds that have no published model: MultiClusterService and MultiClusterIngress
 * (GKE's MCI API reference: networking.gke.io/v1) and the Gateway API's Gateway and HTTPRoute
 * (gateway.networking.k8s.io/v1 standard channel). They cover the fields we render, strictly: an
 * unknown field in spec is an error, because the controllers ignore typos silently.
 */
import { z } from "zod";
import type { ExtraValidator, Manifest } from "../harness/k8s-schema";

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
const dnsSubdomain = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
const port = z.number().int().min(1).max(65535);
const gcpName = z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);

const metadata = z
  .object({
    name: dnsSubdomain,
    namespace: dnsLabel,
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** `cloud.google.com/backend-config`: `{"default": name}` or `{"ports": {port: name}}`, as JSON. */
const backendConfigRef = z.string().superRefine((text, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "backend-config annotation is not JSON" });
    return;
  }
  const shape = z
    .object({ default: dnsSubdomain.optional(), ports: z.record(z.string(), dnsSubdomain).optional() })
    .strict()
    .refine((v) => v.default !== undefined || v.ports !== undefined, "names no BackendConfig");
  const result = shape.safeParse(parsed);
  if (!result.success) ctx.addIssue({ code: "custom", message: `backend-config: ${result.error.message}` });
});

/** MCS and MCI wrap a Service/Ingress spec in `spec.template.spec`. */
function templated(inner: z.ZodRawShape, outer: z.ZodRawShape = {}) {
  return z.object({ template: z.object({ spec: z.object(inner).strict() }).strict(), ...outer }).strict();
}

/** Metadata whose listed annotations are checked; others are free-form strings. */
function annotatedMetadata(annotations: z.ZodRawShape) {
  return metadata.extend({ annotations: z.object(annotations).catchall(z.string()).optional() });
}

const servicePort = z
  .object({
    name: dnsLabel.optional(),
    protocol: z.enum(["TCP", "UDP", "SCTP"]).optional(),
    port,
    targetPort: z.union([port, dnsLabel]).optional(),
  })
  .strict();

export const multiClusterServiceSchema = z.object({
  apiVersion: z.literal("networking.gke.io/v1"),
  kind: z.literal("MultiClusterService"),
  metadata: annotatedMetadata({ "cloud.google.com/backend-config": backendConfigRef.optional() }),
  spec: templated(
    { selector: z.record(z.string(), z.string()), ports: z.array(servicePort).min(1) },
    {
      // Links are "<zone or region>/<cluster name>".
      clusters: z
        .array(
          z
            .object({
              link: z.string().regex(/^[a-z]+-[a-z]+[0-9]+(-[a-z])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
            })
            .strict(),
        )
        .min(1)
        .optional(),
    },
  ),
});

const ipv4 = z.string().regex(/^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/);
const mciBackend = z.object({ serviceName: dnsLabel, servicePort: z.union([port, dnsLabel]) }).strict();
const mciRule = z
  .object({
    host: dnsSubdomain.optional(),
    http: z
      .object({
        paths: z
          .array(z.object({ path: z.string().regex(/^\//).optional(), backend: mciBackend }).strict())
          .min(1),
      })
      .strict(),
  })
  .strict();

export const multiClusterIngressSchema = z.object({
  apiVersion: z.literal("networking.gke.io/v1"),
  kind: z.literal("MultiClusterIngress"),
  metadata: annotatedMetadata({
    // The reserved address itself, or its resource path.
    "networking.gke.io/static-ip": z
      .union([
        ipv4,
        z
          .string()
          .regex(
            /^(https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[^/]+\/global\/addresses\/[^/]+$/,
          ),
      ])
      .optional(),
    "networking.gke.io/pre-shared-certs": z
      .string()
      .refine(
        (v) => v.split(",").every((name) => gcpName.safeParse(name).success),
        "not a comma list of certificate names",
      )
      .optional(),
  }),
  spec: templated({
    backend: mciBackend,
    rules: z.array(mciRule).optional(),
    tls: z.array(z.object({ secretName: dnsSubdomain }).strict()).optional(),
  }),
});

const routeKind = z.object({ group: z.string().optional(), kind: z.string() }).strict();

export const gatewaySchema = z.object({
  apiVersion: z.literal("gateway.networking.k8s.io/v1"),
  kind: z.literal("Gateway"),
  metadata,
  spec: z
    .object({
      gatewayClassName: dnsSubdomain,
      listeners: z
        .array(
          z
            .object({
              name: dnsLabel,
              hostname: z.string().optional(),
              port,
              protocol: z.enum(["HTTP", "HTTPS", "TLS", "TCP", "UDP"]),
              tls: z
                .object({
                  mode: z.enum(["Terminate", "Passthrough"]).optional(),
                  certificateRefs: z.array(z.object({ name: z.string() }).loose()).optional(),
                  options: z.record(z.string(), z.string()).optional(),
                })
                .strict()
                .optional(),
              allowedRoutes: z
                .object({ kinds: z.array(routeKind).optional() })
                .strict()
                .optional(),
            })
            .strict(),
        )
        .min(1)
        .max(64),
      addresses: z
        .array(
          z
            .object({
              type: z.enum(["IPAddress", "Hostname", "NamedAddress"]).optional(),
              value: z.string().min(1),
            })
            .strict(),
        )
        .max(16)
        .optional(),
    })
    .strict(),
});

export const httpRouteSchema = z.object({
  apiVersion: z.literal("gateway.networking.k8s.io/v1"),
  kind: z.literal("HTTPRoute"),
  metadata,
  spec: z
    .object({
      parentRefs: z
        .array(
          z
            .object({
              group: z.string().optional(),
              kind: z.string().optional(),
              namespace: dnsLabel.optional(),
              name: dnsSubdomain,
              sectionName: dnsLabel.optional(),
            })
            .strict(),
        )
        .min(1),
      hostnames: z.array(dnsSubdomain).optional(),
      rules: z
        .array(
          z
            .object({
              backendRefs: z
                .array(
                  z
                    .object({
                      group: z.string().optional(),
                      kind: z.string().optional(),
                      name: dnsSubdomain,
                      namespace: dnsLabel.optional(),
                      port: port.optional(),
                      weight: z.number().int().min(0).optional(),
                    })
                    .strict(),
                )
                .min(1),
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
});

function validatorOf(schema: z.ZodType): ExtraValidator {
  return (manifest: Manifest) => {
    const result = schema.safeParse(manifest);
    if (!result.success) {
      throw new Error(
        `${manifest.apiVersion}/${manifest.kind} ${JSON.stringify(manifest.metadata?.name ?? "")} is invalid: ` +
          result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    }
  };
}

/** Pass to validateManifest as `extraModels`. */
export const gkeExtraModels: Record<string, ExtraValidator> = {
  "networking.gke.io/v1/MultiClusterService": validatorOf(multiClusterServiceSchema),
  "networking.gke.io/v1/MultiClusterIngress": validatorOf(multiClusterIngressSchema),
  "gateway.networking.k8s.io/v1/Gateway": validatorOf(gatewaySchema),
  "gateway.networking.k8s.io/v1/HTTPRoute": validatorOf(httpRouteSchema),
};
