/**
 * Placeholders for the cloud-assigned attributes that components read. Systems register theirs
 * here, beside the shared ones.
 */
import { assigned, registerCloudAssigned } from "./cloud-assigned";
import "./cloud-assigned/gke";

// @pulumi/random computes `result` in the provider; offline it is a named placeholder (secret via
// additionalSecretOutputs, like the engine does).
registerCloudAssigned("random:index/randomPassword:RandomPassword", (name) => ({
  result: assigned(name, "result"),
}));
registerCloudAssigned("random:index/randomId:RandomId", (name) => ({ hex: assigned(name, "hex") }));
