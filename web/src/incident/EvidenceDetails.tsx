import { useState } from 'react';
import { pinEvidence, unpinEvidence, type EvidenceItem, type Provenance } from '../api/evidence.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { TextField } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { usePersonName } from '../people.js';

/** How the item was obtained, so a reviewer can find the file again or repeat the API call. */
function ProvenanceFacts({ provenance }: { provenance: Provenance }) {
  const api = provenance.api;
  const nameOf = usePersonName();
  return (
    <dl className="facts">
      <dt>Obtained</dt>
      <dd>
        {provenance.method === 'file' ? 'From a file' : 'From the AWS API'} by{' '}
        {nameOf(provenance.obtained_by)} at {formatInstant(provenance.obtained_at)}
      </dd>
      {provenance.file_path !== undefined && (
        <>
          <dt>File</dt>
          <dd className="break">{provenance.file_path}</dd>
        </>
      )}
      {provenance.file_sha256 !== undefined && (
        <>
          <dt>SHA-256</dt>
          <dd className="break">
            <code>{provenance.file_sha256}</code>
          </dd>
        </>
      )}
      {provenance.position && (
        <>
          <dt>Position</dt>
          <dd>
            record {provenance.position.record_index}, byte {provenance.position.byte_offset}
          </dd>
        </>
      )}
      {api && (
        <>
          <dt>API</dt>
          <dd>
            {api.service} {api.operation} in {api.region}
            {api.account ? `, account ${api.account}` : ''}
          </dd>
          {api.query !== undefined && (
            <>
              <dt>Query</dt>
              <dd>
                <pre className="raw">{api.query}</pre>
              </dd>
            </>
          )}
          {api.parameters && (
            <>
              <dt>Parameters</dt>
              <dd>
                <pre className="raw">{JSON.stringify(api.parameters, null, 2)}</pre>
              </dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}

/** Pins the item onto the timeline with a note, changes the note, or unpins it. */
function PinForm({
  item,
  canWrite,
  onChanged,
}: {
  item: EvidenceItem;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const [note, setNote] = useState(item.pinned?.note ?? '');
  const nameOf = usePersonName();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const pin = () => run(() => pinEvidence(item.incident_id, item.id, note.trim() ? { note } : {}));
  const unpin = () => run(() => unpinEvidence(item.incident_id, item.id));
  return (
    <div>
      {item.pinned ? (
        <p>
          Pinned to the timeline by {nameOf(item.pinned.pinned_by)} at {formatInstant(item.pinned.pinned_at)}
          {item.pinned.note ? <> with the note “{item.pinned.note}”</> : null}.
        </p>
      ) : (
        <p className="muted">Not pinned to the timeline.</p>
      )}
      {canWrite && (
        <form
          className="inline-form"
          aria-label={`Pin evidence ${item.source_id}`}
          onSubmit={(e) => {
            e.preventDefault();
            void pin();
          }}
        >
          <TextField label="Pin note" value={note} onChange={setNote} />
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {item.pinned ? 'Update the pin' : 'Pin to timeline'}
            </button>
            {item.pinned && (
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => void unpin()}
              >
                Unpin
              </button>
            )}
          </div>
        </form>
      )}
      {error !== null && <ErrorNotice error={error} what="The pin was not changed" />}
    </div>
  );
}

/** The expanded row: provenance, the pin, and the raw record shown as text. */
export function EvidenceDetails({
  item,
  canWrite,
  onChanged,
}: {
  item: EvidenceItem;
  canWrite: boolean;
  onChanged: () => void;
}) {
  return (
    <div className="evidence-details">
      <h3>Provenance</h3>
      <p className="muted">
        Source id <code>{item.source_id}</code>
        {item.region ? `, region ${item.region}` : ''}
        {item.account ? `, account ${item.account}` : ''}
      </p>
      <ProvenanceFacts provenance={item.provenance} />
      <h3>Timeline</h3>
      <PinForm item={item} canWrite={canWrite} onChanged={onChanged} />
      <details>
        <summary>Raw record</summary>
        <pre className="raw">{JSON.stringify(item.raw, null, 2)}</pre>
      </details>
    </div>
  );
}
