// Outbound safety for webhooks (SPEC §8). PLACEHOLDER API, implemented in the delivery slice:
// checkWebhookUrl() says why an endpoint URL is refused (null when it may be used); the sender
// checks every address again at connect time (DNS rebinding).
import 'server-only';

/** A refusal in the editor's words, or null when the URL may be used. */
export async function checkWebhookUrl(url: string): Promise<string | null> {
  return /^https?:\/\//.test(url) ? null : 'Use an http:// or https:// URL.';
}
