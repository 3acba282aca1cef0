// Webhook delivery workers (SPEC §8). PLACEHOLDER API, implemented in the webhooks slice:
// kickDeliveries() asks this process to drain the outbox soon (after() inside a request);
// drainOutbox() sends what is due; startDeliveryLoop() runs a loop in a long-lived process.
import 'server-only';

export function kickDeliveries(): void {}

export async function drainOutbox(): Promise<{ attempted: number }> {
  return { attempted: 0 };
}

export function startDeliveryLoop(): () => void {
  return () => {};
}
