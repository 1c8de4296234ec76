/**
 * Remembers the answers of a pure function of one string, for at most `max` different
 * arguments (then it forgets them all and starts over). Meant for request headers that
 * every request parses but that take few distinct values (`Accept-Encoding`,
 * `Accept-Language`): a hit is one Map lookup instead of splitting and matching.
 */
export function memoizeString<T>(fn: (value: string) => T, max = 256): (value: string) => T {
  const known = new Map<string, T>();
  return (value) => {
    const hit = known.get(value);
    if (hit !== undefined || known.has(value)) return hit as T;
    const result = fn(value);
    if (known.size >= max) known.clear();
    known.set(value, result);
    return result;
  };
}
