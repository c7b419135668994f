// Partner fixtures for the staff pages' tests, shaped like bff-web's answers.
export const partnerId = '0f8e4d2c-5a6b-4c3d-9e1f-2a3b4c5d6e7f';
export const keyId = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
export const secret = 'bp_test_3fK9q2LmZx8Yw7Vu6Ts5Rq4Pp3Oo2Nn1Mm0Ll9Kk8';

export function partner(overrides: Record<string, unknown> = {}) {
  return {
    id: partnerId,
    name: 'Acme Retail',
    plan: 'free',
    active: true,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export function apiKey(overrides: Record<string, unknown> = {}) {
  return {
    id: keyId,
    partnerId,
    name: 'Checkout',
    kind: 'test',
    displayPrefix: 'bp_test_3fK9q2Lm',
    scopes: ['catalog:read', 'orders:write'],
    createdAt: '2026-11-21T10:00:00Z',
    expiresAt: null,
    revokedAt: null,
    lastUsedOn: null,
    ...overrides,
  };
}

export function auditEntry(id: number, action: string, summary: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    at: '2026-11-21T10:00:00Z',
    actor: 'staff-id',
    actorName: 'Sam Staff',
    action,
    partnerId,
    keyId: null,
    summary,
    ...overrides,
  };
}
