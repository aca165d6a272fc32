/**
 * A model of the parts of the Traefik chart's values.schema.json (traefik/traefik-helm-chart,
 * traefik/values.schema.json at tag v41.3.0, draft 2020-12) that renderTraefikValues sets, written
 * from that file: the schema is not vendored here. Where upstream says additionalProperties: false
 * (the top level, image, ingressClass, providers, providers.kubernetesIngress) the model is strict,
 * so a misspelt or misplaced key fails as helm's own schema check would; elsewhere it lets other
 * keys through, as upstream does. Types and patterns are upstream's.
 */
import { z } from "zod";

const nullableString = z.string().nullable();

const image = z
  .object({
    registry: nullableString.optional(),
    repository: nullableString.optional(),
    tag: nullableString.optional(),
    digest: z
      .string()
      .regex(/^sha256:[a-f0-9]{64}$/)
      .nullable()
      .optional(),
    pullPolicy: z.string().optional(),
  })
  .strict();

const kubernetesIngress = z
  .object({
    allowEmptyServices: z.boolean().optional(),
    allowExternalNameServices: z.boolean().optional(),
    crossProviderNamespaces: z.array(z.string()).optional(),
    disableIngressClassLookup: z.boolean().optional(),
    enabled: z.boolean().optional(),
    ingressClass: nullableString.optional(),
    ingressEndpoint: z.object({}).passthrough().optional(),
    labelSelector: nullableString.optional(),
    namespaces: z.array(z.string()).optional(),
    nativeLBByDefault: z.boolean().optional(),
    publishedService: z.object({}).passthrough().optional(),
    strictPrefixMatching: z.boolean().optional(),
  })
  .strict();

const providers = z
  .object({
    file: z.object({}).passthrough().optional(),
    knative: z.object({}).passthrough().optional(),
    kubernetesCRD: z.object({}).passthrough().optional(),
    kubernetesGateway: z.object({}).passthrough().optional(),
    kubernetesIngress: kubernetesIngress.optional(),
    kubernetesIngressNGINX: z.object({}).passthrough().optional(),
    precedence: z.unknown().optional(),
  })
  .strict();

/** Only the top-level keys we use; upstream has many more, none unknown to it allowed. */
export const traefikValuesModel = z
  .object({
    fullnameOverride: z.string().optional(),
    commonLabels: z.record(z.string(), z.string()).optional(),
    image: image.optional(),
    deployment: z
      .object({ replicas: z.number().int().min(0).nullable().optional() })
      .passthrough()
      .optional(),
    ingressClass: z
      .object({
        enabled: z.boolean().optional(),
        isDefaultClass: z.boolean().optional(),
        name: z.string().optional(),
      })
      .strict()
      .optional(),
    providers: providers.optional(),
    affinity: z.object({}).passthrough().optional(),
    service: z
      .object({
        enabled: z.boolean().optional(),
        annotations: z.record(z.string(), z.string()).optional(),
        spec: z.object({ type: z.string().optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .strict();
