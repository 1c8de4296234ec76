import type { Role } from "./auth.ts";
import { api } from "./client.ts";

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface UserFilter {
  role?: Role;
  q?: string;
}

export async function listUsers(filter: UserFilter = {}): Promise<AdminUser[]> {
  const body = await api.get<{ items: AdminUser[] }>("/api/v1/admin/users", {
    query: { ...filter },
  });
  return body.items;
}

export function changeUserRole(id: string, role: Role): Promise<AdminUser> {
  return api.patch<AdminUser>(`/api/v1/admin/users/${encodeURIComponent(id)}`, { role });
}
