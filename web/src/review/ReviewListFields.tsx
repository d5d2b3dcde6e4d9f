import type { ActionItem, ReviewLesson, ReviewTimelineEvent } from '../api/reviews.js';
import { PRIORITIES } from '../api/reviews.js';
import { SelectField, TextArea, TextField } from '../components/fields.js';
import { replaceAt, type FormProps } from './ReviewForm.js';

/** The list sections of the review: timeline events, lessons and action items, each added and removed freely. */

export function TimelineFields({ doc, change, problem, warning }: FormProps) {
  const set = (i: number, patch: Partial<ReviewTimelineEvent>) =>
    change((d) => ({
      ...d,
      timeline: replaceAt(d.timeline, i, { ...(d.timeline[i] as ReviewTimelineEvent), ...patch }),
    }));
  return (
    <fieldset className="repeat">
      <legend>Timeline events</legend>
      {doc.timeline.map((e, i) => (
        <div className="repeat-item" key={i}>
          <div className="row">
            <TextField
              label={`Time (event ${i + 1})`}
              hint="ISO date-time, or the time as written"
              value={e.time}
              onChange={(time) => set(i, { time })}
              problem={problem(`timeline[${i}].time`)}
            />
            <TextField
              label={`Source (event ${i + 1})`}
              value={e.source ?? ''}
              onChange={(v) => set(i, { source: v || null })}
            />
          </div>
          <TextField
            label={`Event ${i + 1}`}
            value={e.event}
            onChange={(event) => set(i, { event })}
            problem={problem(`timeline[${i}].event`)}
            warning={warning(`timeline[${i}].event`)}
          />
          <TextField
            label={`Action taken (event ${i + 1})`}
            value={e.action ?? ''}
            onChange={(v) => set(i, { action: v || null })}
            warning={warning(`timeline[${i}].action`)}
          />
          <button
            type="button"
            className="button-quiet"
            onClick={() => change((d) => ({ ...d, timeline: d.timeline.filter((_, j) => j !== i) }))}
          >
            Remove event {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          change((d) => ({
            ...d,
            timeline: [...d.timeline, { time: '', event: '', source: null, action: null }],
          }))
        }
      >
        Add timeline event
      </button>
    </fieldset>
  );
}

export function LessonFields({ doc, change, problem, warning }: FormProps) {
  const set = (i: number, patch: Partial<ReviewLesson>) =>
    change((d) => ({
      ...d,
      lessons: replaceAt(d.lessons, i, { ...(d.lessons[i] as ReviewLesson), ...patch }),
    }));
  return (
    <fieldset className="repeat">
      <legend>Lessons</legend>
      {doc.lessons.map((l, i) => (
        <div className="repeat-item" key={i}>
          <TextArea
            label={`Lesson ${i + 1}`}
            value={l.lesson}
            onChange={(lesson) => set(i, { lesson })}
            problem={problem(`lessons[${i}].lesson`)}
            warning={warning(`lessons[${i}].lesson`)}
          />
          <div className="row">
            <TextField
              label={`Category (lesson ${i + 1})`}
              value={l.category}
              onChange={(category) => set(i, { category })}
            />
            <SelectField
              label={`Priority (lesson ${i + 1})`}
              value={l.priority}
              options={PRIORITIES}
              onChange={(priority) => set(i, { priority })}
            />
            <TextField
              label={`Owner (lesson ${i + 1})`}
              value={l.owner ?? ''}
              onChange={(v) => set(i, { owner: v || null })}
            />
            <TextField
              label={`Due date (lesson ${i + 1})`}
              type="date"
              value={l.due_date ?? ''}
              onChange={(v) => set(i, { due_date: v || null })}
              problem={problem(`lessons[${i}].due_date`)}
            />
          </div>
          <button
            type="button"
            className="button-quiet"
            onClick={() => change((d) => ({ ...d, lessons: d.lessons.filter((_, j) => j !== i) }))}
          >
            Remove lesson {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          change((d) => ({
            ...d,
            lessons: [
              ...d.lessons,
              { lesson: '', category: '', priority: 'Medium', owner: null, due_date: null },
            ],
          }))
        }
      >
        Add lesson
      </button>
    </fieldset>
  );
}

export function ActionItemFields({ doc, change, problem, warning }: FormProps) {
  const set = (i: number, patch: Partial<ActionItem>) =>
    change((d) => ({
      ...d,
      action_items: replaceAt(d.action_items, i, { ...(d.action_items[i] as ActionItem), ...patch }),
    }));
  return (
    <fieldset className="repeat">
      <legend>Action items</legend>
      <p className="hint">Track them to verification on the actions board.</p>
      {doc.action_items.map((a, i) => (
        <div className="repeat-item" key={i}>
          <TextField
            label={`Action ${i + 1}`}
            value={a.action}
            onChange={(action) => set(i, { action })}
            problem={problem(`action_items[${i}].action`)}
            warning={warning(`action_items[${i}].action`)}
          />
          <div className="row">
            <TextField
              label={`Owner (action ${i + 1})`}
              value={a.owner ?? ''}
              onChange={(v) => set(i, { owner: v || null })}
            />
            <TextField
              label={`Due date (action ${i + 1})`}
              type="date"
              value={a.due_date ?? ''}
              onChange={(v) => set(i, { due_date: v || null })}
              problem={problem(`action_items[${i}].due_date`)}
            />
          </div>
          <TextField
            label={`Success criteria (action ${i + 1})`}
            value={a.success_criteria ?? ''}
            onChange={(v) => set(i, { success_criteria: v || null })}
          />
          <button
            type="button"
            className="button-quiet"
            onClick={() => change((d) => ({ ...d, action_items: d.action_items.filter((_, j) => j !== i) }))}
          >
            Remove action {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          change((d) => ({
            ...d,
            action_items: [
              ...d.action_items,
              { action: '', owner: null, due_date: null, success_criteria: null },
            ],
          }))
        }
      >
        Add action item
      </button>
    </fieldset>
  );
}
