import { describe, expect, it } from "vitest";
import { firstName, renderMacro, unknownVariables } from "./render-macro.ts";

const ctx = { contact: { name: "Karla Kunde" }, agent: { name: "Anna Berger" } };

describe("renderMacro", () => {
  it("fills every known variable", () => {
    const body =
      "Hallo {{contact.first_name}}, hier ist {{agent.first_name}} ({{agent.name}}) für {{contact.name}}.";
    expect(renderMacro(body, ctx)).toEqual({
      text: "Hallo Karla, hier ist Anna (Anna Berger) für Karla Kunde.",
      unresolved: [],
    });
  });

  it("allows spaces inside the braces", () => {
    expect(renderMacro("Hi {{ contact.first_name }}!", ctx).text).toBe("Hi Karla!");
  });

  it("leaves unknown variables visible and reports each once", () => {
    const r = renderMacro("{{order.id}} and {{order.id}} and {{contact.name}}", ctx);
    expect(r.text).toBe("{{order.id}} and {{order.id}} and Karla Kunde");
    expect(r.unresolved).toEqual(["order.id"]);
  });

  it("reports known variables without a value instead of inserting nothing", () => {
    const r = renderMacro("Hallo {{contact.first_name}},", {
      contact: { name: "@fan_1" },
      agent: { name: "" },
    });
    expect(r.text).toBe("Hallo {{contact.first_name}},");
    expect(r.unresolved).toEqual(["contact.first_name"]);
    expect(
      renderMacro("{{agent.name}}", { contact: { name: null }, agent: { name: " " } }),
    ).toEqual({ text: "{{agent.name}}", unresolved: ["agent.name"] });
  });

  it("keeps text without variables, single braces and empty bodies as they are", () => {
    expect(renderMacro("", ctx)).toEqual({ text: "", unresolved: [] });
    expect(renderMacro("{contact.name} {{}} }}{{", ctx).text).toBe("{contact.name} {{}} }}{{");
  });

  it("does not treat values as templates", () => {
    const r = renderMacro("{{contact.name}}", {
      contact: { name: "{{agent.name}}" },
      agent: { name: "Anna" },
    });
    expect(r.text).toBe("{{agent.name}}");
  });
});

describe("firstName", () => {
  it.each([
    ["Karla Kunde", "Karla"],
    ["  Jörg  ", "Jörg"],
    ["@telekom_fan", ""],
    ["", ""],
    [null, ""],
  ])("%s → %s", (name, expected) => {
    expect(firstName(name)).toBe(expected);
  });
});

describe("unknownVariables", () => {
  it("names variables hilft cannot fill", () => {
    expect(unknownVariables("{{contact.name}} {{order.id}} {{ticket}} {{order.id}}")).toEqual([
      "order.id",
      "ticket",
    ]);
    expect(unknownVariables("Hallo {{agent.first_name}}")).toEqual([]);
  });
});
