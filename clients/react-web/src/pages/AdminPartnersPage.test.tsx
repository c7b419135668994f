import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, json, problem, staffClaims } from '../test/fetchMock';
import { apiKey, auditEntry, partner, partnerId } from '../test/partners';
import { renderApp } from '../test/renderApp';

describe('staff partners list', () => {
  it('lists partners page by page', async () => {
    const { fetch, user } = renderApp(
      '/admin/partners',
      {
        'GET /api/admin/partners': (call) =>
          call.query.get('cursor') === 'page-2'
            ? json({ items: [partner({ id: 'p2', name: 'Beta Books', plan: 'pro', active: false })], nextCursor: null })
            : json({ items: [partner()], nextCursor: 'page-2' }),
      },
      staffClaims,
    );
    const table = await screen.findByRole('table', { name: 'Partners' });
    expect(within(table).getByRole('link', { name: 'Acme Retail' }).getAttribute('href')).toBe(`/admin/partners/${partnerId}`);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Beta Books')).toBeTruthy();
    expect(within(table).getByText('Inactive')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(fetch.callsTo('GET', '/api/admin/partners').map((c) => c.query.get('cursor'))).toEqual([null, 'page-2']);
  });

  it('creates a partner and opens its page', async () => {
    const { fetch, user } = renderApp(
      '/admin/partners',
      {
        'GET /api/admin/partners': () => json({ items: [], nextCursor: null }),
        'POST /api/admin/partners': () => json(partner({ name: 'Globex' }), 201),
        [`GET /api/admin/partners/${partnerId}`]: () => json(partner({ name: 'Globex' })),
        [`GET /api/admin/partners/${partnerId}/keys`]: () => json([]),
        [`GET /api/admin/partners/${partnerId}/usage`]: () => json([]),
        'GET /api/admin/partners/audit': () => json({ items: [auditEntry(1, 'partner.created', 'Created Globex.')], nextCursor: null }),
      },
      staffClaims,
    );
    expect(await screen.findByText('No partners yet.')).toBeTruthy();
    await user.type(screen.getByLabelText('Name'), 'Globex');
    await user.click(screen.getByRole('button', { name: 'Create partner' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Globex' })).toBeTruthy();
    expect(screen.getByText('Partner created. Issue its first key below.').getAttribute('role')).toBe('status');
    expect(fetch.callsTo('POST', '/api/admin/partners')[0]!.body).toEqual({ name: 'Globex', plan: 'free' });
    expect(window.location.pathname).toBe(`/admin/partners/${partnerId}`);
  });

  it('checks the form before sending and shows what core-api refused next to the field', async () => {
    const { fetch, user } = renderApp(
      '/admin/partners',
      {
        'GET /api/admin/partners': () => json({ items: [], nextCursor: null }),
        'POST /api/admin/partners': () =>
          problem(400, { title: 'The request is not valid.', code: 'validation_failed', errors: { Plan: ['Unknown plan "gold".'] } }),
      },
      staffClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Create partner' }));
    expect(screen.getByText('Name is required.')).toBeTruthy();
    expect(fetch.callsTo('POST', '/api/admin/partners')).toHaveLength(0);

    await user.type(screen.getByLabelText('Name'), 'Globex');
    const plan = screen.getByLabelText('Plan');
    await user.clear(plan);
    await user.type(plan, 'gold');
    await user.click(screen.getByRole('button', { name: 'Create partner' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The request is not valid.');
    expect(plan.getAttribute('aria-invalid')).toBe('true');
    expect(plan.getAttribute('aria-describedby')).toContain('partner-plan-error');
    expect(document.getElementById('partner-plan-error')!.textContent).toBe('Unknown plan "gold".');
  });

  it('tells a customer the pages are not for them, without asking bff-web for partners', async () => {
    const { fetch } = renderApp('/admin/partners', {}, aliceClaims);
    expect((await screen.findByRole('alert')).textContent).toContain('This page is for staff only.');
    expect(screen.queryByRole('link', { name: 'Partners' })).toBeNull();
    expect(fetch.calls.filter((c) => c.path.startsWith('/api/admin/'))).toHaveLength(0);
  });

  it("shows bff-web's refusal when the session may not manage partners", async () => {
    renderApp(
      '/admin/partners',
      { 'GET /api/admin/partners': () => problem(403, { title: 'Forbidden', detail: 'Managing partners needs the partners.admin scope.', code: 'forbidden' }) },
      staffClaims,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Forbidden');
    expect(alert.textContent).toContain('Managing partners needs the partners.admin scope.');
  });
});

describe('partner audit log', () => {
  it('filters by partner and shows who did what, when', async () => {
    const { fetch, user } = renderApp(
      '/admin/partners/audit',
      {
        'GET /api/admin/partners': () => json({ items: [partner(), partner({ id: 'p2', name: 'Beta Books' })], nextCursor: null }),
        'GET /api/admin/partners/audit': (call) =>
          json({
            items:
              call.query.get('partnerId') === partnerId
                ? [auditEntry(2, 'key.revoked', 'Revoked bp_test_3fK9q2Lm.', { keyId: apiKey().id })]
                : [
                    auditEntry(3, 'partner.created', 'Created Beta Books.', { partnerId: 'p2', actorName: null, actor: 'staff-2' }),
                    auditEntry(2, 'key.revoked', 'Revoked bp_test_3fK9q2Lm.'),
                  ],
            nextCursor: null,
          }),
      },
      staffClaims,
    );
    const table = await screen.findByRole('table', { name: /Staff actions on partners/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('staff-2')).toBeTruthy();
    expect(within(rows[0]!).getByText('Partner created')).toBeTruthy();
    expect(await within(rows[0]!).findByRole('link', { name: 'Beta Books' })).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Partner'), partnerId);
    expect(await screen.findByText('Key revoked')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: /Staff actions on partners/ })).getAllByRole('row')).toHaveLength(2);
    expect(fetch.callsTo('GET', '/api/admin/partners/audit').at(-1)!.query.get('partnerId')).toBe(partnerId);
    expect(window.location.search).toBe(`?partnerId=${partnerId}`);
  });
});
