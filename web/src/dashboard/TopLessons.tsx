import { listLessons, type LessonRecord } from '../api/lessons.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';

const RANK: Record<string, number> = { Critical: 0, High: 1, Medium: 2, Low: 3 };

/** The record's most urgent lesson (the one the server sorted it by). */
function topLesson(record: LessonRecord): LessonRecord['lessons_learned'][number] | undefined {
  return [...record.lessons_learned].sort((a, b) => (RANK[a.priority] ?? 4) - (RANK[b.priority] ?? 4))[0];
}

/**
 * The lessons that matter: records whose most urgent lesson is highest (Critical, High, …), newest first
 * within a priority, sorted by the server; each with that lesson's implementation status.
 */
export function TopLessons() {
  const lessons = useAsync(() => listLessons({ sort: 'priority', limit: 5 }), []);
  if (lessons.state === 'loading') return <Loading what="lessons" />;
  if (lessons.state === 'error') return <ErrorNotice error={lessons.error} what="Lessons" />;
  if (lessons.data.items.length === 0) return <p className="muted">No lessons yet.</p>;
  return (
    <ul className="top-lessons">
      {lessons.data.items.map(({ record }) => {
        const lesson = topLesson(record);
        return (
          <li key={record.incident_id}>
            {lesson && (
              <span className={`severity severity-${lesson.priority.toLowerCase()}`}>{lesson.priority}</span>
            )}
            <Link to={`/incidents/${record.incident_id}`}>{record.incident_id}</Link> {record.title}
            {lesson && (
              <>
                <span className="muted"> — {lesson.lesson}</span>
                <span className="muted">
                  {' '}
                  ({lesson.implementation.status}, {lesson.implementation.progress}%
                  {lesson.implementation.owner && `, ${lesson.implementation.owner}`}, due{' '}
                  {lesson.implementation.due_date})
                </span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
