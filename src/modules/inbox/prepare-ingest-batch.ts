import type { ParsedDelivery } from "../../channels/ingest-ops.ts";
import type { WebhookEventRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";
import {
  type Enrichment,
  enrichMessage,
  findImpostors,
  type ImpostorHit,
  prepareIngestSafety,
} from "../safety/enrich-message.ts";
import { deliveriesOf } from "./process-webhook-event.ts";

/**
 * The next batch of stored deliveries, read and worked on before it is claimed: parsed,
 * and the text of its new messages analysed. Only a cache of pure results — which events
 * are applied, in which order, is still decided by the claim, so an event taken by
 * another worker meanwhile, a redelivery or a replay changes nothing here.
 */
export interface PreparedBatch {
  /** Parsed deliveries by event id (bodies do not change while an event waits). */
  deliveries: Map<number, ParsedDelivery[]>;
  ahead: WeakMap<object, { enrichment: Enrichment; impostors: ImpostorHit[] }>;
}

/** Ops analysed between two turns of the event loop, so the batch being written keeps going. */
const SLICE = 16;

export async function prepareIngestBatch(
  services: Services,
  afterId: number,
  limit: number,
): Promise<PreparedBatch> {
  const events = await services.ingest.peekEvents(afterId, limit);
  const prepared: PreparedBatch = { deliveries: new Map(), ahead: new WeakMap() };
  if (!events.length) return prepared;
  const safety = await prepareIngestSafety(services, await services.channels.listWorkspaceIds());
  let done = 0;
  for (const event of events) {
    const deliveries = deliveriesOf(event);
    prepared.deliveries.set(event.id, deliveries);
    for (const delivery of deliveries) {
      const found = await services.channelDirectory.find(
        event.platform as WebhookEventRow["platform"],
        delivery.accountId,
      );
      if (!found) continue;
      for (const op of delivery.ops) {
        if (op.op !== "message") continue;
        prepared.ahead.set(op, {
          enrichment: enrichMessage(safety, found.channel, op, false),
          impostors: findImpostors(safety, found.channel, op),
        });
        if (++done % SLICE === 0) await new Promise((r) => setImmediate(r));
      }
    }
  }
  return prepared;
}
