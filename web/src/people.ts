import { useEffect, useState } from 'react';
import { listPeople, type PersonSummary } from './api/users.js';

/** One directory request per page load, shared by every component that shows a name. */
let directory: Promise<Map<string, PersonSummary>> | null = null;

function loadDirectory(): Promise<Map<string, PersonSummary>> {
  directory ??= listPeople().then(
    (people) => new Map(people.map((p) => [p.id, p])),
    (error: unknown) => {
      directory = null; // try again on the next page that needs it
      throw error;
    },
  );
  return directory;
}

/** Forgets the directory on sign-out, so whoever signs in next loads it afresh. */
export function forgetPeople(): void {
  directory = null;
}

/**
 * A function from a user id, as records keep it (pins, settings, provenance), to the person's display name.
 * Until the directory arrives, or for ids it does not know (`system`, a deleted user), the id itself.
 */
export function usePersonName(): (id: string | null | undefined) => string {
  const [people, setPeople] = useState<Map<string, PersonSummary> | null>(null);
  useEffect(() => {
    let live = true;
    loadDirectory().then(
      (found) => live && setPeople(found),
      () => undefined, // the ids stay readable
    );
    return () => {
      live = false;
    };
  }, []);
  return (id) => {
    if (!id) return '—';
    if (id === 'system') return 'Hindsight';
    return people?.get(id)?.display_name ?? id;
  };
}
