/** Types of preview-environment.cjs: a stack file's ESC import switched to the preview-only environment. */
export declare const ENV_PROJECT: string;
export declare function deployEnvironment(stack: string): string;
export declare function previewEnvironment(stack: string): string;
export declare function toPreview(stack: string, text: string): string;
