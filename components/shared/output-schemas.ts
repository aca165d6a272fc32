/** Pieces the systems' stack-output schemas share (stacks/contract.ts merges those schemas). */
import { z } from "zod";

/** Addresses are plain strings in outputs: offline they are `<assigned:...>` placeholders. */
export const outputAddress = z.string().min(1);
