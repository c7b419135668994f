// Who is signed in, from bff-web's /bff/user claims, and the app-wide "signed out" switch:
// a 401 from any call while signed in (session ended elsewhere, expired, refresh failed) lands
// here. A visitor who never signed in stays "anonymous": the catalog is open to them.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, onSignedOut } from './api/client';
import { getUserClaims } from './api/endpoints';
import type { UserClaim } from './api/types';

export interface SignedInUser {
  sub: string;
  name: string;
  email: string | undefined;
  role: string | undefined;
  /** `bff:logout_url`: carries the session id, which a cross-site page cannot know. */
  logoutUrl: string;
  sessionExpiresIn: number | undefined;
}

export type SessionState =
  | { status: 'loading' }
  /** Never signed in (or not in this page's life): browses the catalog, signs in to buy. */
  | { status: 'anonymous' }
  /** Was signed in, then a call answered 401: the session ended while the page was open. */
  | { status: 'signedOut' }
  | { status: 'unavailable'; error: ApiError }
  | { status: 'signedIn'; user: SignedInUser };

interface SessionValue {
  session: SessionState;
  user: SignedInUser | null;
  isStaff: boolean;
  refresh: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Turns Duende-shaped claims into the signed-in user. */
export function userFromClaims(claims: UserClaim[]): SignedInUser {
  const first = (type: string) => {
    const claim = claims.find((c) => c.type === type);
    return claim === undefined ? undefined : String(claim.value);
  };
  const roles = claims.filter((c) => c.type === 'role').map((c) => String(c.value));
  const sub = first('sub') ?? '';
  const expires = first('bff:session_expires_in');
  return {
    sub,
    name: first('name') ?? first('email') ?? sub,
    email: first('email'),
    role: roles.includes('staff') ? 'staff' : roles[0],
    logoutUrl: first('bff:logout_url') ?? '/bff/logout',
    sessionExpiresIn: expires === undefined ? undefined : Number(expires),
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // A 401 that arrives while the probe is in flight raced it: if the probe then says "signed
  // in", the session has just ended and the 401 wins. Refs, because state updaters run later.
  const probing = useRef(false);
  const unauthorizedWhileProbing = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    probing.current = true;
    unauthorizedWhileProbing.current = false;
    getUserClaims(controller.signal)
      .then((claims) => {
        const raced = unauthorizedWhileProbing.current;
        setSession((prev) =>
          prev.status === 'signedOut' || raced ? { status: 'signedOut' } : { status: 'signedIn', user: userFromClaims(claims) },
        );
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const next: SessionState =
          error instanceof ApiError && error.status !== 401 ? { status: 'unavailable', error } : { status: 'anonymous' };
        setSession((prev) => (prev.status === 'signedOut' ? prev : next));
      })
      .finally(() => {
        if (!controller.signal.aborted) probing.current = false;
      });
    return () => controller.abort();
  }, [generation]);

  useEffect(
    () =>
      onSignedOut(() => {
        if (probing.current) unauthorizedWhileProbing.current = true;
        // Only a session that existed can end; a visitor's 401 leaves them a visitor.
        setSession((prev) => (prev.status === 'signedIn' ? { status: 'signedOut' } : prev));
      }),
    [],
  );

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo<SessionValue>(() => {
    const user = session.status === 'signedIn' ? session.user : null;
    return { session, user, isStaff: user?.role === 'staff', refresh };
  }, [session, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** Where "Sign in" goes: bff-web starts the OIDC sign-in and comes back to this page. */
export function loginUrl(pathname: string, search = ''): string {
  return `/bff/login?returnUrl=${encodeURIComponent(pathname + search)}`;
}

/** Leaves the SPA for bff-web's sign-in (a full navigation: identity's page is another origin). */
export function goToSignIn(url: string): void {
  window.location.assign(url);
}
