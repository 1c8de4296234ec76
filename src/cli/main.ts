import { Command, CommanderError } from "commander";
import { AppError } from "../lib/errors.ts";
import { randomPassword } from "../lib/tokens.ts";
import { createApiToken } from "../modules/accounts/create-api-token.ts";
import { createUser } from "../modules/accounts/create-user.ts";
import { hashPassword } from "../modules/accounts/passwords.ts";
import { CLI_ACTOR, recordAuditEvent } from "../modules/audit/record-audit-event.ts";
import { verifyAuditChain } from "../modules/audit/verify-audit-chain.ts";
import { presentChannel } from "../modules/channels/channels.presenter.ts";
import { ZCreateChannelRequest } from "../modules/channels/channels.schemas.ts";
import { createChannel } from "../modules/channels/create-channel.ts";
import { importCommunityCommand } from "../modules/community/import-community.command.ts";
import { detectAndReverseSerialVoting } from "../modules/reputation/detect-serial-voting.ts";
import { seedDemo } from "../modules/workspaces/seed-demo.ts";
import { loadConfig } from "../server/config.ts";
import { createLogger } from "../server/logger.ts";
import { reportStartupError, serve } from "../server/main.ts";
import { openRuntime, type Runtime } from "../server/runtime.ts";
import { registerSimulateCommands } from "./simulate.ts";

/** Runs `fn` with an opened database, closing it afterwards whatever happens. */
async function withRuntime<T>(purpose: string, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Commands print their own results; the log only carries warnings.
  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const runtime = await openRuntime(config, log, purpose);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

function fail(message: string): never {
  console.error(`hilft: ${message}`);
  process.exit(1);
}

export function buildCli(): Command {
  const program = new Command("hilft")
    .description("hilft: social customer care, help community and knowledge base")
    .showHelpAfterError();

  program
    .command("serve", { isDefault: true })
    .description("start the server (what `npm start` runs)")
    .action(() => serve());

  program
    .command("migrate")
    .description("apply pending database migrations")
    .action(() =>
      withRuntime("migrate", async ({ applied }) => {
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
            : "The database is up to date.",
        );
      }),
    );

  const admin = program.command("admin").description("manage admins");
  admin
    .command("create")
    .description("create an admin, or make an existing account an admin")
    .requiredOption("--email <email>", "e-mail address of the admin")
    .option("--password <password>", "password (a random one is generated and printed if omitted)")
    .option("--name <name>", "display name", "Admin")
    .action((opts: { email: string; password?: string; name: string }) =>
      withRuntime("admin create", async ({ services }) => {
        const password = opts.password ?? randomPassword();
        const existing = await services.accounts.findUserByEmail(opts.email);
        if (existing) {
          await services.accounts.updateUser(existing.id, {
            role: "admin",
            ...(opts.password ? { passwordHash: await hashPassword(password) } : {}),
          });
          if (existing.role !== "admin") {
            await recordAuditEvent(services, CLI_ACTOR, {
              workspaceId: existing.workspaceId,
              action: "user.role_changed",
              targetType: "user",
              targetId: existing.id,
              data: { email: existing.email, from: existing.role, to: "admin" },
            });
          }
          console.log(
            `${existing.email} is now an admin${opts.password ? " and has the given password" : ""}.`,
          );
          return;
        }
        const user = await createUser(services, {
          email: opts.email,
          name: opts.name,
          password,
          role: "admin",
        });
        // A new admin is as much a grant of rights as a promotion: audited alike.
        await recordAuditEvent(services, CLI_ACTOR, {
          workspaceId: user.workspaceId,
          action: "user.role_changed",
          targetType: "user",
          targetId: user.id,
          data: { email: user.email, from: null, to: "admin", created: true },
        });
        console.log(`Created admin ${user.email}.`);
        if (!opts.password) console.log(`Password (shown once): ${password}`);
      }),
    );

  const token = program.command("token").description("manage personal API tokens");
  token
    .command("create")
    .description("create a personal API token for an account and print it")
    .requiredOption("--email <email>", "e-mail address of the account")
    .option("--name <name>", "what the token is for", "cli")
    .option("--expires-in-days <days>", "days until it expires (default: never)", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) fail("--expires-in-days must be a whole number above 0");
      return n;
    })
    .action((opts: { email: string; name: string; expiresInDays?: number }) =>
      withRuntime("token create", async ({ services }) => {
        const user = await services.accounts.findUserByEmail(opts.email);
        if (!user) fail(`no account has the e-mail address ${opts.email}`);
        const { token: plain } = await createApiToken(services, {
          userId: user.id,
          name: opts.name,
          expiresInDays: opts.expiresInDays,
        });
        // The token alone on stdout, so `TOKEN=$(hilft token create …)` works.
        console.log(plain);
      }),
    );

  const channel = program.command("channel").description("connect social channels");
  const printChannel = async (input: Record<string, unknown>) =>
    withRuntime("channel add", async ({ services }) => {
      const parsed = ZCreateChannelRequest.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        fail(
          `--${String(issue.path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${issue.message}`,
        );
      }
      const workspace = await services.workspaces.findDefault();
      if (!workspace) fail("there is no workspace yet; start hilft once or run `hilft seed demo`");
      const created = await createChannel(services, workspace.id, parsed.data, CLI_ACTOR);
      console.log(JSON.stringify(presentChannel(created), null, 2));
    });
  const add = channel.command("add").description("connect an X account or a Facebook page");
  add
    .command("x")
    .description("connect an X account; webhooks arrive at /webhooks/x")
    .requiredOption("--handle <handle>", "the account's handle, e.g. telekom_hilft")
    .requiredOption(
      "--user-id <id>",
      "the account's numeric id (the for_user_id of its webhook events)",
    )
    .requiredOption("--consumer-secret <secret>", "the X app's consumer secret (signs webhooks)")
    .requiredOption("--access-token <token>", "OAuth 2 user access token for replies and DMs")
    .option("--api-base-url <url>", "X API base URL (default: X_API_BASE_URL)")
    .option("--name <name>", "display name in hilft")
    .action((o: Record<string, string | undefined>) =>
      printChannel({
        kind: "x",
        handle: o.handle,
        userId: o.userId,
        consumerSecret: o.consumerSecret,
        accessToken: o.accessToken,
        apiBaseUrl: o.apiBaseUrl,
        name: o.name,
      }),
    );
  add
    .command("facebook")
    .description(
      "connect a Facebook page (feed + Messenger); webhooks arrive at /webhooks/facebook",
    )
    .requiredOption("--page-id <id>", "the page's numeric id")
    .requiredOption("--app-secret <secret>", "the Meta app's secret (signs webhooks)")
    .requiredOption(
      "--verify-token <token>",
      "the verify token entered in the app's webhook settings",
    )
    .requiredOption("--page-token <token>", "page access token for replies")
    .option("--api-base-url <url>", "Graph API base URL (default: GRAPH_API_BASE_URL)")
    .option("--name <name>", "display name in hilft")
    .action((o: Record<string, string | undefined>) =>
      printChannel({
        kind: "facebook",
        pageId: o.pageId,
        appSecret: o.appSecret,
        verifyToken: o.verifyToken,
        pageToken: o.pageToken,
        apiBaseUrl: o.apiBaseUrl,
        name: o.name,
      }),
    );

  const audit = program.command("audit").description("the tamper-evident audit log");
  audit
    .command("verify")
    .description("recompute the audit log's hash chain; exits 1 if any event was changed")
    .action(() =>
      withRuntime("audit verify", async ({ services }) => {
        const result = await verifyAuditChain(services);
        if (result.ok) {
          console.log(`The audit log is intact: ${result.count} event(s) verified.`);
          return;
        }
        console.error(
          `hilft: the audit log was tampered with at event #${result.broken!.id}: ${result.broken!.reason} (${result.count} event(s) before it are intact).`,
        );
        process.exitCode = 1;
      }),
    );

  registerSimulateCommands(program);

  const importCmd = program.command("import").description("import data from other systems");
  importCmd
    .command("community <file>")
    .description(
      "import community questions from a JSON Lines file (one question per line; safe to run again)",
    )
    .option("--batch-size <n>", "questions per transaction", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 5000)
        fail("--batch-size must be between 1 and 5000");
      return n;
    })
    .action((file: string, opts: { batchSize?: number }) =>
      withRuntime("import community", async ({ services }) => {
        const ok = await importCommunityCommand(services, file, opts);
        if (!ok) process.exitCode = 1;
      }),
    );

  const reputation = program.command("reputation").description("community reputation");
  reputation
    .command("detect-serial-votes")
    .description(
      "find serial voting (many votes from one person to another in a short window) and reverse its points; the server also runs this nightly",
    )
    .option("--lookback-hours <hours>", "how far back to look", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 24 * 365)
        fail("--lookback-hours must be a whole number between 1 and 8760");
      return n;
    })
    .action((opts: { lookbackHours?: number }) =>
      withRuntime("reputation detect-serial-votes", async ({ services }) => {
        const reports = await detectAndReverseSerialVoting(services, {
          actor: CLI_ACTOR,
          ...(opts.lookbackHours ? { lookbackHours: opts.lookbackHours } : {}),
        });
        const cases = reports.flatMap((r) => r.cases);
        if (!cases.length) {
          console.log("No serial voting found.");
          return;
        }
        for (const c of cases) {
          console.log(
            `Reversed ${c.votes} vote(s) (${c.pointsReversed} points) from ${c.voterId} to ${c.authorId}.`,
          );
        }
      }),
    );

  const seed = program.command("seed").description("load example data");
  seed
    .command("demo")
    .description("create the demo workspace and its people (safe to run again)")
    .action(() =>
      withRuntime("seed demo", async ({ services }) => {
        const { workspace, created } = await seedDemo(services);
        console.log(`Demo workspace "${workspace.name}" (${workspace.slug}) is ready.`);
        if (!created.length) console.log("All demo accounts already existed; nothing changed.");
        for (const p of created) {
          console.log(`  ${p.role.padEnd(9)} ${p.email.padEnd(36)} password: ${p.password}`);
        }
      }),
    );

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildCli().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof AppError) fail(err.message);
    reportStartupError(err);
  }
}
