export declare function placeholderDigests(text: string, file: string): string[];
