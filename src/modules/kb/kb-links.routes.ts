import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { invalidField, notFound } from "../../lib/errors.ts";
import { requireRole } from "../../server/plugins/guards.ts";
import type { Services } from "../../server/services.ts";
import { communityWorkspace, loadQuestionFor } from "../community/community-context.ts";
import { createShortLink } from "./create-short-link.ts";
import { findSuggestions } from "./find-suggestions.ts";
import { shortLinkPath } from "./kb.presenter.ts";
import {
  ZDeflection,
  ZDeflectionQuery,
  ZIdParams,
  ZShortLink,
  ZShortLinkRequest,
  ZSuggestions,
  ZSuggestionsQuery,
} from "./kb.schemas.ts";

const TEAM = ["agent", "moderator", "admin"] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Short links, suggestions (conversations, questions, any text) and deflection figures. */
export const kbLinksRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (
  app,
  { services },
) => {
  const tags = ["knowledge base"];
  const { kb } = services;

  // --- short links -----------------------------------------------------------

  app.post(
    "/kb/short-links",
    {
      schema: {
        tags,
        summary:
          "A short link /s/<code> to a published article, optionally for one conversation (its clicks count there)",
        body: ZShortLinkRequest,
        response: { 200: ZShortLink },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      const link = await createShortLink(services, user, request.body);
      return {
        code: link.code,
        url: `${services.config.publicUrl}${shortLinkPath(link)}`,
        articleId: link.articleId,
        conversationId: link.conversationId,
        clicks: link.clicks,
      };
    },
  );

  // --- suggestions -----------------------------------------------------------

  app.get(
    "/kb/suggestions",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary:
          "Best-matching published articles and solved questions for a text, with scores; public",
        querystring: ZSuggestionsQuery,
        response: { 200: ZSuggestions },
      },
    },
    async (request) => {
      const ws = await communityWorkspace(services, request.auth?.user);
      return findSuggestions(services, {
        workspaceId: ws.id,
        text: request.query.q,
        limit: request.query.limit,
        fallbackLanguage: ws.defaultLocale === "en" ? "en" : "de",
      });
    },
  );

  app.get(
    "/conversations/:id/suggestions",
    {
      schema: {
        tags,
        summary:
          "Articles and solved questions for the conversation's latest inbound message, with scores (agents)",
        params: ZIdParams,
        querystring: ZSuggestionsQuery.pick({ limit: true }),
        response: { 200: ZSuggestions },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      const conversation = await services.inbox.findConversation(
        user.workspaceId,
        request.params.id,
      );
      if (!conversation) throw notFound("Conversation");
      const latest = await services.inbox.latestInbound(conversation.id);
      const ws = await services.workspaces.findById(user.workspaceId);
      return findSuggestions(services, {
        workspaceId: user.workspaceId,
        text: latest && !latest.deletedAt ? (latest.searchText ?? latest.text) : "",
        limit: request.query.limit,
        fallbackLanguage: ws?.defaultLocale === "en" ? "en" : "de",
      });
    },
  );

  app.get(
    "/community/questions/:id/suggestions",
    {
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary:
          "Articles and other solved questions that may answer a community question, with scores",
        params: ZIdParams,
        querystring: ZSuggestionsQuery.pick({ limit: true }),
        response: { 200: ZSuggestions },
      },
    },
    async (request) => {
      const question = await loadQuestionFor(
        services,
        request.auth?.user ?? null,
        request.params.id,
      );
      return findSuggestions(services, {
        workspaceId: question.workspaceId,
        text: `${question.title}\n${question.body}`,
        limit: request.query.limit,
        excludeQuestionId: question.id,
        fallbackLanguage: question.language === "english" ? "en" : "de",
      });
    },
  );

  // --- deflection ------------------------------------------------------------

  app.get(
    "/kb/deflection",
    {
      schema: {
        tags,
        summary:
          "Deflection: conversations solved with a short link and no agent message after it; community questions solved by an article (the team)",
        querystring: ZDeflectionQuery,
        response: { 200: ZDeflection },
      },
    },
    async (request) => {
      const user = requireRole(request, TEAM);
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from
        ? new Date(request.query.from)
        : new Date(to.getTime() - 30 * DAY_MS);
      if (from >= to) throw invalidField("from", "must be before to");
      const f = await kb.deflection(user.workspaceId, from, to);
      const rate = (part: number, whole: number) => (whole ? part / whole : null);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        ...f,
        conversationDeflectionRate: rate(f.conversationsSolvedWithLink, f.conversationsSolved),
        questionDeflectionRate: rate(f.questionsClosedByArticle, f.questionsClosed),
      };
    },
  );
};
