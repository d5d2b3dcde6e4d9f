import { EVIDENCE_SOURCE_LABELS, listPinnedEvidence, type EvidenceItem } from '../api/evidence.js';
import { CheckboxField } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';

/**
 * The evidence a factor can cite: what reviewers pinned onto the timelines of the incidents the review
 * covers. Pinning is the curation step, so the choice stays short even when an import brought thousands of
 * CloudTrail events. An incident the viewer cannot read simply contributes nothing.
 */
export function useLinkableEvidence(incidentIds: readonly string[]): EvidenceItem[] {
  const key = incidentIds.join('\n');
  const loaded = useAsync(
    () =>
      Promise.all(incidentIds.map((id) => listPinnedEvidence(id).catch(() => [] as EvidenceItem[]))).then(
        (lists) => lists.flat(),
      ),
    [key],
  );
  return loaded.state === 'ok' ? loaded.data : [];
}

const evidenceLabel = (item: EvidenceItem): string =>
  `${formatInstant(item.time)} · ${EVIDENCE_SOURCE_LABELS[item.source]} · ${item.summary}`;

/** Checkboxes linking a contributing factor to pinned evidence; ids linked earlier stay listed. */
export function FactorEvidenceLinks(props: {
  factor: number;
  linkable: readonly EvidenceItem[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const { factor, linkable, selected, onChange } = props;
  const known = new Set(linkable.map((item) => item.id));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="field">
      <legend>Linked evidence (factor {factor})</legend>
      {linkable.length === 0 && selected.length === 0 && (
        <p className="hint">Pin evidence on the incident page to link it to this factor.</p>
      )}
      {linkable.map((item) => (
        <CheckboxField
          key={item.id}
          label={evidenceLabel(item)}
          checked={selected.includes(item.id)}
          onChange={(on) => toggle(item.id, on)}
        />
      ))}
      {selected
        .filter((id) => !known.has(id))
        .map((id) => (
          <CheckboxField key={id} label={`${id} (not pinned)`} checked onChange={(on) => toggle(id, on)} />
        ))}
    </fieldset>
  );
}
