import { useId, useState } from 'react';
import {
  EVIDENCE_SOURCE_LABELS,
  RECORD_SOURCES,
  importEvidence,
  type RecordSource,
} from '../api/evidence.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { SelectField } from '../components/fields.js';
import { guessSource, recordsOf, sha256Of } from './evidence-file.js';

interface Loaded {
  name: string;
  records: unknown[];
  sha256: string | undefined;
}

/**
 * Imports a JSON file of AWS records (a CloudTrail log file, findings, a Config history, an EventBridge
 * event) through POST .../evidence. The file is read in the browser; the server parses and deduplicates.
 */
export function EvidenceImport({ incidentId, onImported }: { incidentId: string; onImported: () => void }) {
  const fileId = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [source, setSource] = useState<RecordSource | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (file: File | undefined) => {
    setError(null);
    setResult(null);
    setLoaded(null);
    if (!file) return;
    try {
      const bytes = await file.arrayBuffer();
      const json = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      setLoaded({ name: file.name, records: recordsOf(json), sha256: await sha256Of(bytes) });
      setSource((current) => guessSource(json) ?? current);
    } catch (e) {
      setError(new Error(`${file.name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`));
    }
  };

  const submit = async () => {
    if (!loaded || source === '') return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await importEvidence(incidentId, {
        source,
        records: loaded.records,
        file_name: loaded.name,
        ...(loaded.sha256 ? { file_sha256: loaded.sha256 } : {}),
      });
      setResult(
        `Imported ${loaded.name}: ${outcome.records} records, ${outcome.inserted} new, ${outcome.duplicates} already imported.`,
      );
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="evidence-import"
      aria-label="Import evidence"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor={fileId}>JSON file</label>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => void read(e.target.files?.[0])}
          />
          <span id={`${fileId}-hint`} className="hint">
            {loaded
              ? `${loaded.records.length} records in ${loaded.name}`
              : 'CloudTrail log file, findings, Config history or an EventBridge event'}
          </span>
        </div>
        <SelectField
          label="Evidence source"
          value={source}
          options={RECORD_SOURCES}
          labels={EVIDENCE_SOURCE_LABELS}
          emptyLabel="Choose a source"
          onChange={setSource}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy || !loaded || source === ''}>
          Import records
        </button>
      </div>
      {result && (
        <p className="notice notice-ok" role="status">
          {result}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} what="The import failed" />}
    </form>
  );
}
