/** A vote as the nightly check sees it. */
export interface CastVote {
  id: string;
  voterId: string;
  authorId: string;
  castAt: Date;
}

export interface SerialVoting {
  voterId: string;
  authorId: string;
  /** Every vote of the pair that lies in a window with too many votes. */
  votes: CastVote[];
}

/**
 * Serial voting: one person voting for one other person's posts many times in a short
 * window (reading their profile and clicking through). For every voter/author pair,
 * every vote that falls into some window of `windowMinutes` holding at least `minVotes`
 * votes of that pair is reported; votes spread over time are left alone.
 */
export function detectSerialVoting(
  votes: readonly CastVote[],
  opts: { windowMinutes: number; minVotes: number },
): SerialVoting[] {
  const windowMs = opts.windowMinutes * 60_000;
  const pairs = new Map<string, CastVote[]>();
  for (const v of votes) {
    if (v.voterId === v.authorId) continue;
    const key = `${v.voterId}\u0000${v.authorId}`;
    const list = pairs.get(key);
    if (list) list.push(v);
    else pairs.set(key, [v]);
  }
  const found: SerialVoting[] = [];
  for (const list of pairs.values()) {
    if (list.length < opts.minVotes) continue;
    list.sort((a, b) => a.castAt.getTime() - b.castAt.getTime() || a.id.localeCompare(b.id));
    const flagged = new Set<number>();
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end]!.castAt.getTime() - list[start]!.castAt.getTime() > windowMs) start++;
      if (end - start + 1 >= opts.minVotes) for (let i = start; i <= end; i++) flagged.add(i);
    }
    if (flagged.size) {
      const first = list[0]!;
      found.push({
        voterId: first.voterId,
        authorId: first.authorId,
        votes: [...flagged].sort((a, b) => a - b).map((i) => list[i]!),
      });
    }
  }
  return found;
}
