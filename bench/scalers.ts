/**
 * Registers each system's section scaler for the program-cost benchmark. Every synthetic stack must
 * still pass validation (the measurement evaluates it like `npm run synth`), so each scaler keeps
 * the section's invariants: unique names, disjoint destinations and VIPs, VRRP router ids ≤ 255.
 */
import { registerScaler } from "./scale";

type Section = Record<string, unknown>;
type Item = Record<string, unknown>;

const list = (section: Section, key: string): Item[] =>
  Array.isArray(section[key]) ? (section[key] as Item[]) : [];

/** Addresses a.b.c.first .. a.b.c.last for each prefix, in order (no network or broadcast). */
function* addressPool(
  ranges: ReadonlyArray<[prefix: string, first: number, last: number]>,
): Generator<string> {
  for (const [prefix, first, last] of ranges) for (let i = first; i <= last; i++) yield `${prefix}.${i}`;
}

function take(pool: Generator<string>, count: number): string[] {
  return Array.from({ length: count }, () => {
    const next = pool.next();
    if (next.done) throw new Error("bench scaler: address pool exhausted");
    return next.value;
  });
}

/**
 * digitalocean: route sets x factor. The prod sets stay; each added pair of sets carries 3 more
 * /32 destinations (as the prod pair does), from documentation addresses the prod sets do not use.
 */
registerScaler("digitalocean", (section, factor) => {
  const original = list(section, "routeSets");
  const pool = addressPool([
    ["198.51.100", 16, 254],
    ["203.0.113", 96, 254],
  ]);
  const added = Array.from({ length: original.length * (factor - 1) }, (_, i) => ({
    name: `partner-x${i + 1}`,
    destinations: take(pool, i % 2 === 0 ? 2 : 1),
  }));
  return { ...section, routeSets: [...original, ...added] };
});

/**
 * openshift: ipfailover instances and VIPs x factor. Router ids live in 1..255 on one segment, so
 * instances are copied at most 50 times and, beyond that, each copy carries proportionally more VIPs
 * (total VIPs = prod VIPs x factor) grouped into as many VRRP instances as the prod one has
 * (vipGroups): 100x = 100 instances with twice the VIPs each, 4 router ids per copy pair (ids 1..200).
 * VIPs come from 10.201.0.0/16, listed one by one.
 */
const MAX_COPIES = 50;
registerScaler("openshift", (section, factor) => {
  const original = list(section, "instances");
  if (factor === 1) return section;
  const copies = Math.min(factor, MAX_COPIES);
  const vipMultiplier = Math.ceil(factor / copies);
  const pool = addressPool(
    Array.from({ length: 40 }, (_, i): [string, number, number] => [`10.201.${i}`, 1, 254]),
  );
  // Router ids each prod instance uses: its vipGroups, or one per VIP (the prod ranges are "a-b").
  const idsOf = (instance: Item): number =>
    typeof instance.vipGroups === "number" ? instance.vipGroups : vipCount(instance);
  let offset = 0;
  const instances: Item[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const instance of original) {
      const ids = idsOf(instance);
      const vips = take(pool, vipCount(instance) * vipMultiplier);
      instances.push({
        ...instance,
        name: copy === 0 ? instance.name : `${String(instance.name)}-x${copy}`,
        virtualIps: vips,
        vipGroups: ids,
        vrrpIdOffset: offset,
        // Unicast peers and check scripts stay: every copy runs on the same infra nodes.
      });
      offset += ids;
    }
  }
  return { ...section, instances };
});

/** VIPs of an instance whose entries are addresses or "a.b.c.x-y" ranges. */
function vipCount(instance: Item): number {
  const entries = Array.isArray(instance.virtualIps) ? (instance.virtualIps as string[]) : [];
  return entries.reduce((n, entry) => {
    const range = /\.(\d+)-(\d+)$/.exec(entry);
    return n + (range ? Number(range[2]) - Number(range[1]) + 1 : 1);
  }, 0);
}

/** kubernetesServices: internal load balancers and external services x factor (renamed copies). */
registerScaler("kubernetesServices", (section, factor) => {
  const copy = (key: string, rename: (item: Item, k: number) => Item): Item[] =>
    list(section, key).flatMap((item) =>
      Array.from({ length: factor }, (_, k) => (k === 0 ? item : rename(item, k))),
    );
  return {
    ...section,
    internalLoadBalancers: copy("internalLoadBalancers", (item, k) => ({
      ...item,
      name: `${String(item.name)}-x${k}`,
    })),
    externalServices: copy("externalServices", (item, k) => ({
      ...item,
      name: `${String(item.name)}-x${k}`,
      host: `x${k}.${String(item.host)}`,
    })),
  };
});
