/**
 * The clouds an internal load balancer can be made for, as a const-object enum: the form the SDK's
 * component analyzer reads for a component argument. A leaf module, so the config schema and the
 * component args both import it without an import cycle.
 */
/** Clouds whose internal load-balancer annotation we know (see render/internal-lb-annotations.ts). */
export const InternalLbCloud = {
  aws: "aws",
  awsLbc: "aws-lbc",
  gcp: "gcp",
  azure: "azure",
  digitalocean: "digitalocean",
  openstack: "openstack",
} as const;
// Const first: the component analyzer reads the enum from the first declaration.
export type InternalLbCloud = (typeof InternalLbCloud)[keyof typeof InternalLbCloud];
