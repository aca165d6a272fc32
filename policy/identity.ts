/**
 * The pack's name and version as the analyzer reports them: the name given to PolicyPack, the
 * version from this folder's package.json (which @pulumi/policy reads from the working directory).
 */
import packageJson from "./package.json";

export const PACK_NAME = "failover-stacks";
export const PACK_VERSION: string = packageJson.version;
