/** Every rule of the pack. index.ts builds the PolicyPack from this list; tests run the same list. */
import type { Rule } from "../engine";
import { gkeHealthPort } from "./gke-health-port";
import { gkeMcsHealthCheck } from "./gke-mcs-health-check";
import { gkeTlsStaticIp } from "./gke-tls-static-ip";
import { noWorldSsh } from "./no-world-ssh";

export const allRules: readonly Rule[] = [noWorldSsh, gkeMcsHealthCheck, gkeHealthPort, gkeTlsStaticIp];
