import { useEffect, useState } from 'react';
import {
  EVIDENCE_SOURCES,
  EVIDENCE_SOURCE_LABELS,
  listEvidence,
  type EvidenceItem,
  type EvidenceSource,
} from '../api/evidence.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField, TextField } from '../components/fields.js';
import { useAsync } from '../hooks.js';
import { EvidenceImport } from './EvidenceImport.js';
import { EvidenceTable } from './EvidenceTable.js';
import { LogBinsChart } from './LogBinsChart.js';

const PAGE_SIZE = 100;

interface Filter {
  source: EvidenceSource | '';
  text: string;
}

/**
 * The incident's evidence: filters, the table (paged by the server's cursor), the Logs Insights chart and
 * the import form. `version` changes whenever evidence or pins change elsewhere on the page.
 */
export function EvidenceSection({
  incidentId,
  canWrite,
  version,
  onChanged,
}: {
  incidentId: string;
  canWrite: boolean;
  version: number;
  onChanged: () => void;
}) {
  const [draft, setDraft] = useState<Filter>({ source: '', text: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const first = useAsync(
    () => listEvidence(incidentId, { ...filter, limit: PAGE_SIZE }),
    [incidentId, filter.source, filter.text, version],
  );
  // Later pages, appended by "Load more"; a new first page starts over.
  const [more, setMore] = useState<{ items: EvidenceItem[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  useEffect(() => setMore(null), [first.data]);

  const loadMore = async (cursor: string) => {
    setMoreError(null);
    try {
      const page = await listEvidence(incidentId, { ...filter, limit: PAGE_SIZE, cursor });
      setMore((previous) => ({
        items: [...(previous?.items ?? []), ...page.items],
        cursor: page.next_cursor,
      }));
    } catch (e) {
      setMoreError(e);
    }
  };

  const items = first.state === 'ok' ? [...first.data.items, ...(more?.items ?? [])] : [];
  const cursor = more ? more.cursor : first.state === 'ok' ? first.data.next_cursor : null;
  const filtered = filter.source !== '' || filter.text !== '';

  return (
    <section className="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      <form
        className="filters"
        aria-label="Filter evidence"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...draft, text: draft.text.trim() });
        }}
      >
        <SelectField
          label="Source"
          value={draft.source}
          options={EVIDENCE_SOURCES}
          labels={EVIDENCE_SOURCE_LABELS}
          emptyLabel="All sources"
          onChange={(source) => setDraft({ ...draft, source })}
        />
        <TextField
          label="Text"
          hint="Part of the summary, action, actor or resource"
          value={draft.text}
          onChange={(text) => setDraft({ ...draft, text })}
        />
        <div className="filter-buttons">
          <button type="submit" className="button">
            Filter evidence
          </button>
        </div>
      </form>

      {first.state === 'loading' && <Loading what="evidence" />}
      {first.state === 'error' && <ErrorNotice error={first.error} what="Evidence" />}
      {first.state === 'ok' &&
        (items.length === 0 ? (
          <p className="muted">{filtered ? 'No evidence matches.' : 'No evidence imported yet.'}</p>
        ) : (
          <>
            <p className="muted" role="status">
              Showing {items.length} {items.length === 1 ? 'item' : 'items'}
              {cursor ? ' (more available)' : ''}.
            </p>
            <EvidenceTable items={items} canWrite={canWrite} onChanged={onChanged} />
            {cursor && (
              <button type="button" className="button button-secondary" onClick={() => void loadMore(cursor)}>
                Load more evidence
              </button>
            )}
            {moreError !== null && <ErrorNotice error={moreError} what="More evidence" />}
          </>
        ))}

      <LogBinsChart incidentId={incidentId} version={version} />

      {canWrite && first.state !== 'error' && (
        <details>
          <summary>Import evidence from a file</summary>
          <EvidenceImport incidentId={incidentId} onImported={onChanged} />
        </details>
      )}
    </section>
  );
}
