import type { BadgeRow, LedgerRow, RedemptionRow, RewardRow } from "../../db/schema/index.ts";

export const presentBadge = (b: BadgeRow) => ({
  key: b.key,
  name: b.name,
  description: b.description,
  icon: b.icon,
  manual: b.rule === null,
  rule: b.rule,
});

export const presentLedgerEntry = (r: LedgerRow) => ({
  id: r.id,
  kind: r.kind,
  points: r.points,
  uncappedPoints: r.uncappedPoints,
  reversesId: r.reversesId,
  postType: r.postType,
  postId: r.postId,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
});

export const presentReward = (r: RewardRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  imageUrl: r.imageUrl,
  stock: r.stock,
  pricePoints: r.pricePoints,
  topHelpersOfMonth: r.topHelpersOfMonth,
  active: r.active,
});

export const presentRedemption = (r: {
  redemption: RedemptionRow;
  rewardName: string;
  userName: string;
}) => ({
  id: r.redemption.id,
  reward: { id: r.redemption.rewardId, name: r.rewardName },
  user: { id: r.redemption.userId, name: r.userName },
  status: r.redemption.status,
  points: r.redemption.points,
  message: r.redemption.message,
  createdAt: r.redemption.createdAt.toISOString(),
  updatedAt: r.redemption.updatedAt.toISOString(),
});
