/** The `openshift` system: validated config in, one IpFailover component per instance out. */
import { defineSystem } from "../../stacks/system";
import { openshiftCrossCheck, openshiftSchema } from "./config";

export const openshiftSystem = defineSystem({
  section: "openshift",
  title: "OpenShift IP failover (keepalived ipfailover Deployments)",
  schema: openshiftSchema,
  crossCheck: openshiftCrossCheck,
  deploy: () => ({}),
});
