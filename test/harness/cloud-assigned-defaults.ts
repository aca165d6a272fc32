/**
 * Placeholders for the cloud-assigned attributes that components read. Systems register theirs
 * here, beside the shared ones.
 */
import { assigned, assignedSecret, registerCloudAssigned } from "./cloud-assigned";
import "./cloud-assigned/digitalocean";
import "./cloud-assigned/kubernetes";
import "./cloud-assigned/openstack";

// @pulumi/random computes `result` in the provider; offline it is a named placeholder (secret via
// additionalSecretOutputs, like the engine does).
registerCloudAssigned("random:index/randomPassword:RandomPassword", (name) => ({
  result: assignedSecret(name, "result"),
  bcryptHash: assignedSecret(name, "bcryptHash"),
}));
registerCloudAssigned("random:index/randomId:RandomId", (name) => ({ hex: assigned(name, "hex") }));
