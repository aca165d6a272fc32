/** Every file below a directory, as sorted paths relative to it (synth output checks). */
import { readdirSync } from "node:fs";
import * as path from "node:path";

export function filesBelow(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) =>
      entry.isDirectory() ? filesBelow(dir, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    );
}
