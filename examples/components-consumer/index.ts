// A program another team writes: it installs @failover-stacks/failover from npm and uses two of its
// components without the failover-stacks repository. Providers come through opts, as the package
// asks; the components take only data and inputs.
import * as k8s from "@pulumi/kubernetes";
import { ApiVip, ClusterNetwork, InternalLoadBalancer } from "@failover-stacks/failover";

const network = new ClusterNetwork("edge", {
  clusterName: "team-edge",
  cidr: "192.0.2.0/24",
  gateway: "192.0.2.1",
  reserved: ["192.0.2.10"],
});

// The VIP's floating IP waits for the network's router interface: an id input, not a Resource.
const vip = new ApiVip("edge", {
  clusterName: "team-edge",
  networkId: network.networkId,
  subnetId: network.subnetId,
  networkReady: [network.ready],
  address: "192.0.2.10",
});

const cluster = new k8s.Provider("edge", { kubeconfig: "~/.kube/config" });
const api = new InternalLoadBalancer(
  "edge-api",
  {
    namespace: "edge",
    cloud: "openstack",
    ports: [{ name: "https", port: 443, protocol: "TCP" }],
    selector: { app: "edge-api" },
    sourceRanges: ["198.51.100.0/24"],
  },
  { provider: cluster },
);

export const networkId = network.networkId;
export const subnetId = network.subnetId;
export const vipAddress = vip.address;
export const apiServiceName = api.serviceName;
export const apiAddress = api.address;
