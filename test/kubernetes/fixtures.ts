/** A complete, valid `kubernetesServices` section with documentation addresses, for the tests. */
export function goodSection(): Record<string, unknown> {
  return {
    kubeconfig: "<offline-kubeconfig>",
    internalLoadBalancers: [
      {
        name: "api",
        namespace: "shop",
        cloud: "gcp",
        ports: [
          { name: "https", port: 443, targetPort: 8443 },
          { name: "grpc", port: 9090 },
        ],
        selector: { "app.kubernetes.io/name": "api" },
        sourceRanges: ["198.51.100.0/24"],
      },
    ],
    externalServices: [
      {
        name: "blog",
        host: "blog.example.com",
        backend: { address: "192.0.2.41", port: 2368 },
        tlsSecret: "blog-tls",
      },
      {
        name: "docs",
        host: "docs.example.com",
        path: "/",
        backend: { dnsName: "docs.example.net", port: 443, protocol: "HTTPS" },
      },
    ],
    metallb: {
      version: "0.14.9",
      pools: [
        { name: "public", addresses: ["192.0.2.240/28"] },
        { name: "internal", addresses: ["192.0.2.200-192.0.2.220"], autoAssign: false },
      ],
      interfaces: ["eth0"],
      nodeSelectors: [{ "node-role.kubernetes.io/edge": "" }],
      nodeCidrs: ["192.0.2.0/25"],
      nodeSubnets: ["192.0.2.0/24"],
      podCidr: "198.18.0.0/16",
      serviceCidr: "198.19.0.0/16",
    },
    ingressNginx: {
      className: "nginx",
      defaultClass: true,
      loadBalancer: { metallbPool: "public", address: "192.0.2.241" },
    },
  };
}
