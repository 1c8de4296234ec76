export { detectPersonalData } from "./detect-personal-data.ts";
export { type MaskStyle, maskLabel, maskPersonalData } from "./mask-personal-data.ts";
export * from "./types.ts";
