import type { ApiTokenRow, SessionRow, UserRow } from "../../db/schema/index.ts";
import { effectiveSignature } from "../../lib/signature.ts";

const knownLocale = (locale: string | null): "de" | "en" | null =>
  locale === "de" || locale === "en" ? locale : null;

/** The only shapes in which accounts leave the server: no hashes, ever. */
export function presentMe(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...agentProfile(user),
  };
}

/** How the agent signs replies and reads times; null signature means "my initials". */
function agentProfile(user: UserRow) {
  return {
    signature: user.signature,
    effectiveSignature: effectiveSignature(user),
    timeZone: user.timeZone,
    skills: user.skills,
    showPhotoPublicly: user.showPhotoPublicly,
    showFullNamePublicly: user.showFullNamePublicly,
    photoUrl: agentPhotoUrl(user),
  };
}

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: knownLocale(user.locale),
    ...agentProfile(user),
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentSession(session: SessionRow, currentId: string | undefined) {
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    ip: session.ip,
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}

export function presentApiToken(token: ApiTokenRow) {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

/** Where an agent's photo is served; the version makes browsers fetch a new one. */
export function agentPhotoUrl(user: Pick<UserRow, "id" | "photoUpdatedAt">): string | null {
  return user.photoUpdatedAt
    ? `/api/v1/agents/${user.id}/photo?v=${user.photoUpdatedAt.getTime()}`
    : null;
}
