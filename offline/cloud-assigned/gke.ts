/** Cloud-assigned attributes the GKE multi-cluster ingress reads (see components/gcp). */
import { assigned, registerCloudAssigned } from "../cloud-assigned";

registerCloudAssigned("gcp:compute/globalAddress:GlobalAddress", (name) => ({
  address: assigned(name, "address"),
}));

registerCloudAssigned("gcp:projects/serviceIdentity:ServiceIdentity", (name) => ({
  email: assigned(name, "email"),
  member: `serviceAccount:${assigned(name, "email")}`,
}));

// A cluster registered at creation reports its membership with the gkehub prefix; the project
// number and membership location are the cloud's, the membership ID is the cluster name.
registerCloudAssigned("gcp:container/cluster:Cluster", (name, inputs) => ({
  fleet: {
    membership:
      `//gkehub.googleapis.com/projects/${assigned(name, "fleet.projectNumber")}` +
      `/locations/${assigned(name, "fleet.membershipLocation")}/memberships/${typeof inputs.name === "string" ? inputs.name : name}`,
  },
}));

// The controllers report the load balancer's address in the object's status.
registerCloudAssigned("kubernetes:networking.gke.io/v1:MultiClusterIngress", (name) => ({
  status: { VIP: assigned(name, "status.VIP") },
}));
registerCloudAssigned("kubernetes:gateway.networking.k8s.io/v1:Gateway", (name) => ({
  status: { addresses: [{ type: "IPAddress", value: assigned(name, "status.addresses[0].value") }] },
}));
