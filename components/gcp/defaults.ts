/** Defaults the `gke` schema fills in and the components fall back to: one constant each. */
import type { IngressMode } from "./render/plan";

export const DEFAULT_INGRESS_MODE = "mci" satisfies IngressMode;
/** Reserve a new global address for the VIP. */
export const DEFAULT_STATIC_IP = { create: true } as const;
/** Istio's status port and readiness path: the ingress gateway answers there once it can serve. */
export const DEFAULT_HEALTH_CHECK = { port: 15021, path: "/healthz/ready", protocol: "HTTP" } as const;
export const DEFAULT_MEMBERSHIP_SOURCE = "create";
