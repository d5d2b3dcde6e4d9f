import { ChannelError } from '../../core/notifications/notification.ports.js';

/** 408, 429 and 5xx may pass later; any other 4xx will not, so the outbox should not keep trying. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs a body with Node's fetch and turns every failure into a {@link ChannelError}: network errors and
 * timeouts are retryable, statuses as {@link isRetryableStatus} says.
 */
export async function postOrThrow(
  what: string,
  url: string,
  init: { body: string; headers: Record<string, string>; timeout_ms: number },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: init.body,
      headers: init.headers,
      signal: AbortSignal.timeout(init.timeout_ms),
      redirect: 'manual',
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `timed out after ${init.timeout_ms} ms`
        : String(error);
    throw new ChannelError(`${what}: ${reason}`, true, { cause: error });
  }
  // Drain the body so the connection can be reused; its text helps a person see why it failed.
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return;
  throw new ChannelError(
    `${what}: HTTP ${response.status}${text ? ` ${text.slice(0, 200)}` : ''}`,
    isRetryableStatus(response.status),
  );
}
