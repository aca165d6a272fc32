/** Runs shellcheck on script text (bash dialect, every severity). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

export function shellcheck(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "ipfailover-sh-"));
  try {
    const file = path.join(dir, "script.sh");
    writeFileSync(file, text, { mode: 0o755 });
    const result = spawnSync("shellcheck", ["--shell=bash", "--severity=style", file], {
      encoding: "utf8",
      timeout: 20_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
