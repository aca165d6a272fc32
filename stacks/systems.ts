/**
 * Every system the stack program knows. Adding a system means adding one line here (see README,
 * "Adding a system"). Order matters only for the order of registration in previews.
 */
import { gkeSystem } from "./gke";
import type { SystemModule } from "./system";

export const systems: readonly SystemModule[] = [gkeSystem];
