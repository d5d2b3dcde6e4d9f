import { Fragment, useState } from 'react';
import { EVIDENCE_SOURCE_LABELS, type EvidenceItem } from '../api/evidence.js';
import { formatInstant } from '../format.js';
import { EvidenceDetails } from './EvidenceDetails.js';

const COLUMNS = 9;

/** Evidence rows, oldest first; each row opens (by button, so by keyboard too) its provenance and pin. */
export function EvidenceTable({
  items,
  canWrite,
  onChanged,
}: {
  items: EvidenceItem[];
  canWrite: boolean;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="table-wrap">
      <table className="compact evidence-table">
        <caption className="visually-hidden">Evidence, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Source</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Resource</th>
            <th scope="col">Summary</th>
            <th scope="col">Severity</th>
            <th scope="col">Pinned</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const expanded = open.has(item.id);
            const detailsId = `evidence-${item.id}`;
            return (
              <Fragment key={item.id}>
                <tr className={item.pinned ? 'pinned' : undefined}>
                  <td className="nowrap">{formatInstant(item.time)}</td>
                  <td>{EVIDENCE_SOURCE_LABELS[item.source]}</td>
                  <td className="break col-actor">{item.actor ?? '—'}</td>
                  <td className="break col-action">{item.action ?? '—'}</td>
                  <td className="break col-resource">{item.resource ?? '—'}</td>
                  <td className="break col-summary">{item.summary}</td>
                  <td>
                    {item.severity_normalised ? (
                      <span className={`severity severity-${item.severity_normalised.toLowerCase()}`}>
                        {item.severity_normalised}
                      </span>
                    ) : (
                      (item.severity ?? '—')
                    )}
                  </td>
                  <td>{item.pinned ? 'Pinned' : ''}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      aria-label={`${expanded ? 'Hide' : 'Show'} details of ${item.action ?? item.kind} at ${formatInstant(item.time)}`}
                      onClick={() => toggle(item.id)}
                    >
                      {expanded ? 'Hide' : 'Details'}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr id={detailsId} className="details-row">
                    <td colSpan={COLUMNS}>
                      <EvidenceDetails item={item} canWrite={canWrite} onChanged={onChanged} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
