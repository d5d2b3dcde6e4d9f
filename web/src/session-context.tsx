import { createContext, useContext } from 'react';
import type { SessionUser } from './api/session.js';

export interface SessionState {
  user: SessionUser | null;
  setUser: (user: SessionUser | null) => void;
}

export const SessionContext = createContext<SessionState>({ user: null, setUser: () => undefined });

export function useSession(): SessionState {
  return useContext(SessionContext);
}
