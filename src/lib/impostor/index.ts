export { damerauLevenshtein } from "./damerau-levenshtein.ts";
export {
  AFFIXES,
  type Brand,
  type ImpostorCandidate,
  type ImpostorMatch,
  type ImpostorReason,
  matchImpostor,
} from "./match-impostor.ts";
export { scriptsOf, skeleton } from "./skeleton.ts";
