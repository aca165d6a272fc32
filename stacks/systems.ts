/**
 * Every system the stack program knows. Adding a system means adding one line here (see README,
 * "Adding a system"). Order matters only for the order of registration in previews.
 */
import type { SystemModule } from "./system";
import { openshiftSystem } from "../components/openshift/system";

export const systems: readonly SystemModule[] = [openshiftSystem];
