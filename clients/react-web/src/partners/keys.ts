// What staff choose from when issuing a key, in public-api's vocabulary (libs/Contracts/Partners).
import type { ApiKeyDto } from '../api/types';

export type KeyKind = 'live' | 'test' | 'pub';

export const keyKinds: { kind: KeyKind; label: string; hint: string }[] = [
  { kind: 'live', label: 'Live secret key', hint: 'Real orders and stock. For the partner’s servers only.' },
  { kind: 'test', label: 'Test secret key', hint: 'The sandbox: test orders, never live stock.' },
  { kind: 'pub', label: 'Publishable key', hint: 'Safe in browser code; can only read the catalog.' },
];

export const partnerScopes: { scope: string; label: string }[] = [
  { scope: 'catalog:read', label: 'Read the catalog' },
  { scope: 'orders:read', label: 'Read orders' },
  { scope: 'orders:write', label: 'Place and cancel orders' },
  { scope: 'webhooks:manage', label: 'Manage webhooks' },
];

/** Publishable keys live in browser code: core-api refuses them any scope but catalog:read. */
export const allowedScopes = (kind: KeyKind): string[] =>
  kind === 'pub' ? ['catalog:read'] : partnerScopes.map((s) => s.scope);

export function kindLabel(kind: string): string {
  if (kind === 'live') return 'Live';
  if (kind === 'test') return 'Test';
  if (kind === 'pub') return 'Publishable';
  return kind;
}

export type KeyState = 'active' | 'expiring' | 'expired' | 'revoked';

/** Revoked wins; a key with an expiry (a rolled key's overlap) is expiring until it passes. */
export function keyState(key: ApiKeyDto, now: Date = new Date()): KeyState {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt) return Date.parse(key.expiresAt) <= now.getTime() ? 'expired' : 'expiring';
  return 'active';
}

export const keyStateLabels: Record<KeyState, string> = {
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  revoked: 'Revoked',
};
