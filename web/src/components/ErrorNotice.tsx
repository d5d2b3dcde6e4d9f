import { ApiError } from '../api/http.js';

/** Shows why a call failed: the API's message and the fields it names, or the endpoint the server lacks. */
export function ErrorNotice({ error, what }: { error: unknown; what?: string }) {
  if (error instanceof ApiError && error.missingEndpoint)
    return <Unavailable endpoint={error.endpoint} what={what} />;
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="notice notice-error" role="alert">
      <p>
        {what ? `${what}: ` : ''}
        {message}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              <code>{d.path}</code> {d.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The server does not have this endpoint yet; say which, never show made-up data. */
export function Unavailable({ endpoint, what }: { endpoint: string; what?: string | undefined }) {
  return (
    <div className="notice notice-unavailable" role="status">
      <p>
        <strong>{what ?? 'This part'}: not available on this server yet.</strong> It needs the API endpoint{' '}
        <code>{endpoint}</code>, which this server does not provide.
      </p>
    </div>
  );
}

export function isMissing(error: unknown): boolean {
  return error instanceof ApiError && error.missingEndpoint;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
