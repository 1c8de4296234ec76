import { describe, expect, it } from "vitest";
import {
  type AgentState,
  applyRules,
  type MessageFacts,
  pickAgent,
  priorityScore,
  type RoutingRule,
} from "./routing.ts";

const msg = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  channel: "x",
  language: "de",
  text: "Seit heute keine Verbindung, Störung in Köln?",
  contactTags: [],
  sentiment: "neutral",
  hasPersonalData: false,
  ...over,
});

const rules: RoutingRule[] = [
  {
    id: "pd",
    conditions: { hasPersonalData: true },
    actions: { teamId: "safety", priority: 3, tags: ["personal-data"] },
    stop: true,
  },
  {
    id: "outage",
    conditions: { keywords: ["Störung", "outage", "kein internet"] },
    actions: { teamId: "network", tags: ["outage"] },
  },
  { id: "vip", conditions: { contactTags: ["vip"] }, actions: { priority: 2, tags: ["vip"] } },
  {
    id: "angry-fb",
    conditions: { channels: ["facebook"], sentiments: ["negative"] },
    actions: { priority: 1 },
  },
  { id: "en", conditions: { languages: ["en"] }, actions: { teamId: "english" } },
];

describe("routing rules", () => {
  it("matches keywords as words, case- and accent-insensitively", () => {
    expect(applyRules(rules, msg()).teamId).toBe("network");
    expect(applyRules(rules, msg({ text: "STORUNG!" })).teamId).toBe("network");
    expect(applyRules(rules, msg({ text: "Kein Internet seit 8 Uhr" })).tags).toEqual(["outage"]);
    expect(applyRules(rules, msg({ text: "Zerstörung" })).teamId).toBeNull();
  });

  it("lets the first team win, raises priority to the highest and adds tags", () => {
    const out = applyRules(
      rules,
      msg({ channel: "facebook", sentiment: "negative", contactTags: ["vip"], language: "en" }),
    );
    expect(out).toEqual({
      teamId: "network",
      priority: 2,
      tags: ["outage", "vip"],
      matchedRuleIds: ["outage", "vip", "angry-fb", "en"],
    });
  });

  it("stops at a stop rule", () => {
    const out = applyRules(rules, msg({ hasPersonalData: true, contactTags: ["vip"] }));
    expect(out).toEqual({
      teamId: "safety",
      priority: 3,
      tags: ["personal-data"],
      matchedRuleIds: ["pd"],
    });
  });

  it("matches nothing without conditions met", () => {
    expect(applyRules(rules, msg({ text: "Hallo", language: null }))).toEqual({
      teamId: null,
      priority: 0,
      tags: [],
      matchedRuleIds: [],
    });
  });
});

describe("assignment", () => {
  const agents: AgentState[] = [
    {
      id: "a",
      online: true,
      onShift: true,
      capacity: 5,
      load: 2,
      skills: ["lang:de"],
      lastAssignedAt: 300,
    },
    {
      id: "b",
      online: true,
      onShift: true,
      capacity: 10,
      load: 2,
      skills: ["lang:de", "lang:en"],
      lastAssignedAt: 100,
    },
    { id: "c", online: true, onShift: false, capacity: 5, load: 0, skills: ["lang:de"] },
    { id: "d", online: false, onShift: true, capacity: 5, load: 0, skills: ["lang:de"] },
    { id: "e", online: true, onShift: true, capacity: 3, load: 3, skills: ["lang:de", "lang:en"] },
    { id: "f", online: true, onShift: true, capacity: 5, load: 4, skills: ["lang:de"] },
  ];

  it("leaves manual pull to the agents", () => {
    expect(pickAgent(agents, { mode: "manual" })).toBeNull();
  });

  it("only picks agents online, on shift, skilled and under capacity", () => {
    expect(pickAgent(agents, { mode: "least_loaded", requiredSkills: ["lang:en"] })).toBe("b");
    expect(pickAgent(agents, { mode: "least_loaded", requiredSkills: ["lang:tr"] })).toBeNull();
  });

  it("takes the least loaded, then the lower share of capacity", () => {
    expect(pickAgent(agents, { mode: "least_loaded" })).toBe("b");
    const tie = agents.map((a) => (a.id === "b" ? { ...a, capacity: 5 } : a));
    expect(pickAgent(tie, { mode: "least_loaded" })).toBe("b"); // waited longest
  });

  it("goes round robin by id after the last one assigned", () => {
    expect(pickAgent(agents, { mode: "round_robin" })).toBe("a");
    expect(pickAgent(agents, { mode: "round_robin", lastAssignedAgentId: "a" })).toBe("b");
    expect(pickAgent(agents, { mode: "round_robin", lastAssignedAgentId: "b" })).toBe("f");
    expect(pickAgent(agents, { mode: "round_robin", lastAssignedAgentId: "f" })).toBe("a");
  });
});

describe("priority score", () => {
  it("rises as the SLA runs out and with me-too, negative sentiment and VIPs", () => {
    const fresh = priorityScore({ slaRemainingMs: 60, slaTargetMs: 60 });
    const half = priorityScore({ slaRemainingMs: 30, slaTargetMs: 60 });
    const breached = priorityScore({ slaRemainingMs: -5, slaTargetMs: 60 });
    expect([fresh, half, breached]).toEqual([0, 50, 100]);
    expect(priorityScore({ slaRemainingMs: null, slaTargetMs: null, meToo: 3 })).toBe(10);
    expect(priorityScore({ slaRemainingMs: null, slaTargetMs: null, meToo: 10_000 })).toBe(20);
    expect(
      priorityScore({ slaRemainingMs: 30, slaTargetMs: 60, sentiment: "negative", vip: true }),
    ).toBe(85);
  });

  it("adds ten per routing level, clamped to 0–3, and lets a breach outrank the rest", () => {
    const none = { slaRemainingMs: null, slaTargetMs: null };
    expect([0, 1, 2, 3, 7, -1].map((level) => priorityScore({ ...none, level }))).toEqual([
      0, 10, 20, 30, 30, 0,
    ]);
    const loudest = priorityScore({
      ...none,
      level: 3,
      meToo: 1_000,
      sentiment: "negative",
      vip: true,
    });
    expect(loudest).toBe(85);
    expect(priorityScore({ slaRemainingMs: -1, slaTargetMs: 60, level: 1 })).toBeGreaterThan(
      loudest,
    );
    // No target (no SLA policy) means no urgency from the clock.
    expect(priorityScore({ slaRemainingMs: 10, slaTargetMs: 0, level: 1 })).toBe(10);
    expect(priorityScore({ ...none, meToo: 0, sentiment: "positive" })).toBe(0);
  });
});
