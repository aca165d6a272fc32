/** Defaults the `openstack` schema fills in and the components fall back to: one constant each. */
import type { TimingProfileName } from "./render/model";

/** Keepalived + HAProxy nodes sharing the VIP. */
export const DEFAULT_LB_COUNT = 2;
/** The first NIC of a KVM guest with a virtio NIC in PCI slot 3, as common cloud images name it. */
export const DEFAULT_INTERFACE_NAME = "ens3";
/** VRRP virtual_router_id; keepalived's own example value. */
export const DEFAULT_VIRTUAL_ROUTER_ID = 51;
export const DEFAULT_TIMING_PROFILE = "fast" satisfies TimingProfileName;
