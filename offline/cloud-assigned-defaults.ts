/**
 * Placeholders for the cloud-assigned attributes that components read. Systems register theirs
 * here, beside the shared ones.
 */
import { assigned, assignedSecret, registerCloudAssigned } from "./cloud-assigned";
import "./cloud-assigned/digitalocean";
import "./cloud-assigned/gke";
import "./cloud-assigned/kubernetes";
import "./cloud-assigned/openstack";

// @pulumi/random computes `result` in the provider; offline it is a named placeholder (secret via
// additionalSecretOutputs, like the engine does).
// The result has the requested length and is alphanumeric, so renderers that check the format
// (keepalived's 8-character PASS secret) accept it offline.
registerCloudAssigned("random:index/randomPassword:RandomPassword", (name, inputs) => ({
  result: assignedSecret(name, "result", typeof inputs.length === "number" ? inputs.length : 16),
  bcryptHash: assignedSecret(name, "bcryptHash"),
}));
registerCloudAssigned("random:index/randomId:RandomId", (name) => ({ hex: assigned(name, "hex") }));
