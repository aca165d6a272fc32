/**
 * Synthetic stacks for the program-cost benchmark: the prod stack with its repeatable parts (route
 * sets, VIPs, ipfailover instances, ...) multiplied. Each system registers how to grow its section.
 */
export type SectionScaler = (section: Record<string, unknown>, factor: number) => Record<string, unknown>;

const scalers = new Map<string, SectionScaler>();

export function registerScaler(section: string, scaler: SectionScaler): void {
  scalers.set(section, scaler);
}

/** Scales every section that has a scaler; others are kept as they are. */
export function scaleConfig(config: Record<string, unknown>, factor: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const section = key.replace(/^failover-stacks:/, "");
    const scaler = scalers.get(section);
    result[key] =
      scaler && value !== null && typeof value === "object"
        ? scaler(value as Record<string, unknown>, factor)
        : value;
  }
  return result;
}

export function scaledSections(): string[] {
  return [...scalers.keys()].sort();
}
