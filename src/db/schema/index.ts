/**
 * The one schema for PGlite and PostgreSQL, one file per domain. Change it, run
 * `npm run db:generate`, and commit the SQL that drizzle-kit writes to src/db/migrations.
 */
export * from "./accounts.ts";
export * from "./community.ts";
export * from "./community-ideas.ts";
export * from "./community-notifications.ts";
export * from "./console.ts";
export * from "./inbox.ts";
export * from "./kb.ts";
export * from "./macros.ts";
export * from "./operations.ts";
export * from "./reputation.ts";
export * from "./safety.ts";
export * from "./service-levels.ts";
