import { api } from "./client.ts";

export const REDEMPTION_STATUSES = ["requested", "approved", "shipped", "declined"] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export type RedemptionAction = "approve" | "ship" | "decline";

export interface Reward {
  id: string;
  name: string;
  description: string;
  imageUrl: string | null;
  stock: number;
  pricePoints: number | null;
  topHelpersOfMonth: number | null;
  active: boolean;
}

export interface Redemption {
  id: string;
  reward: { id: string; name: string };
  user: { id: string; name: string };
  status: RedemptionStatus;
  points: number;
  message: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewReward {
  name: string;
  description?: string;
  stock: number;
  pricePoints?: number;
  topHelpersOfMonth?: number;
}

export async function listRewards(): Promise<Reward[]> {
  return (await api.get<{ items: Reward[] }>("/api/v1/rewards")).items;
}

export function createReward(input: NewReward): Promise<Reward> {
  return api.post<Reward>("/api/v1/rewards", input);
}

export async function listRedemptions(status?: RedemptionStatus): Promise<Redemption[]> {
  const body = await api.get<{ items: Redemption[] }>("/api/v1/rewards/redemptions", {
    query: { status, limit: "200" },
  });
  return body.items;
}

export function decideRedemption(
  id: string,
  action: RedemptionAction,
  message: string,
): Promise<Redemption> {
  return api.post<Redemption>(
    `/api/v1/rewards/redemptions/${encodeURIComponent(id)}/${action}`,
    message ? { message } : {},
  );
}
