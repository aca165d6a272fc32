/**
 * The shapes of the `gke` config section and the types parsed from them. The relations between
 * fields are checked in config-checks.ts, which reads these types; config.ts joins the two.
 */
import { z } from "zod";
import { problem, secretText } from "../shared/config-errors";
import { distinctList, dnsLabel, dnsName } from "../shared/zod-net";
import {
  DEFAULT_HEALTH_CHECK,
  DEFAULT_INGRESS_MODE,
  DEFAULT_MEMBERSHIP_SOURCE,
  DEFAULT_STATIC_IP,
} from "./defaults";
import { BASE_NAME_MAX, GCP_NAME_MAX, GCP_NAME_PATTERN, isMembershipPath } from "./names";

/** Ports, as Kubernetes and GCP firewalls accept them. */
const portNumber = z.number().int().min(1).max(65535);

/** A GCP project ID: 6-30 characters, lowercase letters, digits and hyphens, starting with a letter. */
const projectId = z.string().superRefine((value, ctx) => {
  if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a GCP project ID",
        "use the project ID (not its number or display name), such as my-project-123",
      ),
    });
  }
});

/** A name of a Compute Engine resource (address, certificate, firewall). */
const gcpName = z.string().superRefine((value, ctx) => {
  if (!GCP_NAME_PATTERN.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a Compute Engine resource name",
        "use 1-63 lowercase letters, digits and '-', starting with a letter and not ending with '-'",
      ),
    });
  }
});

/** A GKE location: a region (us-central1) or a zone (us-central1-b). */
const gkeLocation = z.string().superRefine((value, ctx) => {
  if (!/^[a-z]+-[a-z]+[0-9]+(-[a-z])?$/.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a GKE location",
        "write the cluster's region or zone, such as europe-west1 or us-central1-b",
      ),
    });
  }
});

/** A Kubernetes label value (the Istio revision lands in `istio.io/rev`). */
const labelValue = z.string().superRefine((value, ctx) => {
  if (!/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/.test(value) || value === "") {
    ctx.addIssue({
      code: "custom",
      message: problem(
        "not a Kubernetes label value",
        "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (for example asm-1175-9)",
      ),
    });
  }
});

const membershipSchema = z
  .object({
    /**
     * `create`: register the cluster in the fleet from its GKE resource link. `fleet`: the cluster
     * was registered at creation (`cluster.fleet`); the membership is read from it. `existing`: an
     * already registered membership (attached or bare-metal clusters), given by `name`.
     * @default "create"
     */
    source: z
      .enum(["create", "fleet", "existing"], {
        error: problem("unknown membership source", "use create, fleet or existing"),
      })
      .default(DEFAULT_MEMBERSHIP_SOURCE),
    /** Membership ID for `create`. @default the cluster name */
    id: dnsLabel.optional(),
    /** Full membership name for `existing`: projects/P/locations/L/memberships/M (the `//gkehub.googleapis.com/` form is accepted). */
    name: z.string().optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.source === "existing" && (value.name === undefined || !isMembershipPath(value.name))) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: problem(
          "an existing membership needs its full name",
          "write name: projects/PROJECT/locations/LOCATION/memberships/ID",
        ),
      });
    }
  });

const clusterSchema = z
  .object({
    /** GKE cluster name, as in `gcloud container clusters list`. */
    name: dnsLabel,
    /** Region or zone of the cluster. */
    location: gkeLocation,
    /** How the cluster's fleet membership is obtained. @default { source: "create" } */
    membership: membershipSchema.default({ source: DEFAULT_MEMBERSHIP_SOURCE }),
    /** Kubeconfig for this cluster (keep it a `secure:` value). Exactly one of kubeconfig/context. */
    kubeconfig: secretText("kubeconfig").optional(),
    /** Context name in the ambient kubeconfig. Exactly one of kubeconfig/context. */
    context: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.kubeconfig === undefined) === (value.context === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: problem(
          "a cluster needs exactly one of kubeconfig and context",
          "set kubeconfig (a secure value) or context (a context in your kubeconfig), not both",
        ),
      });
    }
  });

const servicePortSchema = z
  .object({
    /** Port name (referenced by the MCI backend and the Gateway route). */
    name: dnsLabel,
    /** Service port. */
    port: portNumber,
    /** Pod port; the load balancer and its health check reach pods on it. @default port */
    targetPort: portNumber.optional(),
    /** Only TCP: the HTTP(S) load balancer cannot carry anything else. @default "TCP" */
    protocol: z
      .enum(["TCP"], {
        error: problem("the load balancer only carries TCP", "set protocol: TCP or leave it out"),
      })
      .default("TCP"),
  })
  .strict();

const serviceSchema = z
  .object({
    /** Name of the MultiClusterService / exported Service. @default "istio-ingressgateway" */
    name: dnsLabel.default("istio-ingressgateway"),
    /** Ports, including the status/health port. */
    ports: z.array(servicePortSchema).min(1),
    /** Pod selector of the backend. @default { istio: "ingressgateway" } */
    selector: z.record(z.string(), z.string()).default({ istio: "ingressgateway" }),
    /** Name of the port traffic goes to. @default the first port that is not the health port */
    backendPort: dnsLabel.optional(),
  })
  .strict();

const healthCheckSchema = z
  .object({
    /** Pod port the load balancer probes. @default 15021 (Istio's status port) */
    port: portNumber.default(DEFAULT_HEALTH_CHECK.port),
    /** Path probed. @default "/healthz/ready" */
    path: z
      .string()
      .regex(/^\//, { error: problem("the path must start with /", "write /healthz/ready") })
      .default(DEFAULT_HEALTH_CHECK.path),
    /** Probe protocol. @default "HTTP" */
    protocol: z
      .enum(["HTTP", "HTTPS", "HTTP2"], {
        error: problem("unknown health-check protocol", "use HTTP, HTTPS or HTTP2"),
      })
      .default(DEFAULT_HEALTH_CHECK.protocol),
  })
  .strict();

const selfManagedCertSchema = z
  .object({
    /** Compute SSL certificate name. */
    name: gcpName,
    /** PEM certificate chain. */
    certificate: z.string().includes("BEGIN CERTIFICATE", {
      error: problem(
        "not a PEM certificate",
        "paste the PEM chain, starting with -----BEGIN CERTIFICATE-----",
      ),
    }),
    /** PEM private key; keep it a `secure:` value. */
    privateKey: secretText("privateKey"),
  })
  .strict();

const tlsSchema = z
  .object({
    /** Names of Compute SSL certificates that already exist in the project. @default [] */
    preSharedCerts: distinctList(gcpName, "the load balancer would list that certificate twice").default([]),
    /** Domains for one Google-managed certificate created here. @default [] */
    managedDomains: distinctList(
      dnsName,
      "Certificate Manager refuses a managed certificate that lists a domain twice",
    ).default([]),
    /** Self-managed certificates created here from PEM. @default [] */
    selfManaged: distinctList(
      selfManagedCertSchema,
      "two SSL certificates with one name: Compute Engine refuses the second (409 already exists)",
      (cert) => cert.name,
    ).default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.preSharedCerts.length + value.managedDomains.length + value.selfManaged.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: problem(
          "TLS is on but names no certificate",
          "add preSharedCerts, managedDomains or selfManaged, or remove tls",
        ),
      });
    }
  });

const staticIpSchema = z
  .object({
    /** Reserve a global address here; with false and a name, an existing address is used. @default true */
    create: z.boolean().default(true),
    /** Name of the global address. @default "<name>-vip" */
    name: gcpName.optional(),
  })
  .strict();

/** The section's fields; config.ts adds the relation checks. */
export const gkeFields = z
  .object({
    /** Fleet host project (APIs, memberships, feature, address, firewall). */
    project: projectId,
    /** `mci`: MultiClusterIngress + MultiClusterService. `gateway`: the Gateway API. @default "mci" */
    mode: z
      .enum(["mci", "gateway"], {
        error: problem(
          "unknown mode",
          "use mci (MultiClusterIngress) or gateway (Gateway API, gke-l7-global-external-managed-mc)",
        ),
      })
      .default(DEFAULT_INGRESS_MODE),
    /** Base name of the GCP resources (address, firewall, certificates); at most 46 characters. @default "ingress" */
    name: gcpName
      .refine((value) => value.length <= BASE_NAME_MAX, {
        error: problem(
          `the name is longer than ${BASE_NAME_MAX} characters, so derived names such as <name>-lb-health-checks would pass GCP's ${GCP_NAME_MAX}-character limit`,
          `shorten it to at most ${BASE_NAME_MAX} characters`,
        ),
      })
      .default("ingress"),
    /** Name of the member cluster that hosts the MCI/Gateway objects (the config cluster). */
    configCluster: z.string({
      error: problem(
        "no config cluster",
        "set configCluster to the name of one of clusters[] (it hosts MCS, MCI and BackendConfig)",
      ),
    }),
    /** A member holding an inactive copy of the ingress objects, for moving the config cluster. @default none */
    standbyConfigCluster: z.string().optional(),
    /** Member clusters. */
    clusters: z.array(clusterSchema).min(1),
    /** Only these members receive traffic (MCS spec.clusters). @default all members */
    clustersSubset: distinctList(dnsLabel, "MCS spec.clusters would list that member twice").optional(),
    /** Namespace created in every member cluster. */
    namespace: dnsLabel,
    /** Istio revision label for the namespace (`istio.io/rev`). @default none */
    istioRevision: labelValue.optional(),
    /** The backend service. */
    service: serviceSchema,
    /** Load-balancer health check. @default Istio's 15021 /healthz/ready over HTTP */
    healthCheck: healthCheckSchema.default({ ...DEFAULT_HEALTH_CHECK }),
    /** Host names routed to the backend (MCI rules / HTTPRoute hostnames). @default [] (all hosts) */
    hosts: distinctList(dnsName, "the MCI/HTTPRoute would get two identical host rules").default([]),
    /** TLS termination at the load balancer. @default off */
    tls: tlsSchema.optional(),
    /** The VIP. @default { create: true } */
    staticIp: staticIpSchema.default({ ...DEFAULT_STATIC_IP }),
    /** VPC network of the member clusters (name or self link), for the health-check firewall. @default "default" */
    network: z.string().min(1).default("default"),
    /** Network tags of the member clusters' nodes; empty means every instance in the network. @default [] */
    targetTags: distinctList(dnsLabel, "the firewall rule would list that tag twice").default([]),
  })
  .strict();

/** The parsed section (the relation checks change no type). */
export type GkeConfig = z.output<typeof gkeFields>;
export type GkeCluster = GkeConfig["clusters"][number];
export type ServicePort = GkeConfig["service"]["ports"][number];
