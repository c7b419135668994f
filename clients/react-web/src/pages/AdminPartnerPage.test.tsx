import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Handler } from '../test/fetchMock';
import { json, problem, staffClaims } from '../test/fetchMock';
import { apiKey, auditEntry, keyId, partner, partnerId, secret } from '../test/partners';
import { renderApp } from '../test/renderApp';

const base = `/api/admin/partners/${partnerId}`;

function routes(overrides: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    [`GET ${base}`]: () => json(partner()),
    [`GET ${base}/keys`]: () => json([apiKey({ lastUsedOn: '2026-11-28T00:00:00+00:00' })]),
    [`GET ${base}/usage`]: () => json([]),
    'GET /api/admin/partners/audit': () => json({ items: [auditEntry(1, 'partner.created', 'Created Acme Retail (plan free).')], nextCursor: null }),
    ...overrides,
  };
}

describe('staff partner page', () => {
  it('shows the partner, its keys without secrets and its recent audit entries', async () => {
    const { fetch } = renderApp(`/admin/partners/${partnerId}`, routes(), staffClaims);
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Retail' })).toBeTruthy();
    const keys = await screen.findByRole('table', { name: /Keys of this partner/ });
    const row = within(keys).getAllByRole('row')[1]!;
    expect(within(row).getByText('bp_test_3fK9q2Lm…')).toBeTruthy();
    expect(within(row).getByText('Test')).toBeTruthy();
    expect(within(row).getByText('catalog:read orders:write')).toBeTruthy();
    expect(within(row).getByText('Active')).toBeTruthy();
    // Last used is a UTC day, shown as that day whatever the browser's time zone.
    expect(within(row).getByText('Nov 28')).toBeTruthy();
    const activity = await screen.findByRole('table', { name: /latest staff actions/ });
    expect(within(activity).getByText('Sam Staff')).toBeTruthy();
    expect(within(activity).getByText('Partner created')).toBeTruthy();
    expect(fetch.callsTo('GET', '/api/admin/partners/audit')[0]!.query.get('partnerId')).toBe(partnerId);
  });

  it('shows a new secret once, with a warning, and forgets it when the dialog closes', async () => {
    let keysListed = 0;
    const { fetch, user } = renderApp(
      `/admin/partners/${partnerId}`,
      routes({
        [`GET ${base}/keys`]: () => json(keysListed++ === 0 ? [] : [apiKey()]),
        [`POST ${base}/keys`]: () => json({ key: apiKey(), secret }),
      }),
      staffClaims,
    );
    await user.type(await screen.findByLabelText('Key name'), 'Checkout');
    await user.click(screen.getByLabelText(/Place and cancel orders/));
    await user.click(screen.getByRole('button', { name: 'Issue key' }));

    const dialog = await screen.findByRole('dialog', { name: 'Copy the new key now' });
    expect(within(dialog).getByText(secret)).toBeTruthy();
    expect(dialog.textContent).toContain('You will not see this secret again.');
    expect(fetch.callsTo('POST', `${base}/keys`)[0]!.body).toEqual({
      name: 'Checkout',
      kind: 'test',
      scopes: ['catalog:read', 'orders:write'],
      expiresAt: null,
    });
    // The table is reloaded behind the dialog and shows the prefix only.
    const keys = await screen.findByRole('table', { name: /Keys of this partner/ });
    expect(within(keys).getByText('bp_test_3fK9q2Lm…')).toBeTruthy();
    expect(keys.textContent).not.toContain(secret);
    expect(keysListed).toBe(2);
    // The reload must not take the dialog (or the notice) away before staff close it.
    expect(screen.getByRole('dialog', { name: 'Copy the new key now' })).toBe(dialog);
    expect(dialog.isConnected).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'I have stored it, close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.textContent).not.toContain(secret);
    expect(screen.getByText('Key bp_test_3fK9q2Lm… issued.').getAttribute('role')).toBe('status');
  });

  it('copies the secret to the clipboard and says so', async () => {
    const { user } = renderApp(
      `/admin/partners/${partnerId}`,
      routes({ [`POST ${base}/keys`]: () => json({ key: apiKey(), secret }) }),
      staffClaims,
    );
    await user.type(await screen.findByLabelText('Key name'), 'Checkout');
    await user.click(screen.getByRole('button', { name: 'Issue key' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Copy key' }));
    expect(await within(dialog).findByText('Copied to the clipboard.')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(secret);
  });

  it('offers a publishable key catalog:read only', async () => {
    const { user } = renderApp(`/admin/partners/${partnerId}`, routes(), staffClaims);
    await user.click(await screen.findByLabelText('Publishable key'));
    expect((screen.getByLabelText(/Read the catalog/) as HTMLInputElement).disabled).toBe(false);
    for (const name of [/Read orders/, /Place and cancel orders/, /Manage webhooks/]) {
      const box = screen.getByLabelText(name) as HTMLInputElement;
      expect(box.disabled).toBe(true);
      expect(box.checked).toBe(false);
    }
  });

  it("puts core-api's problem on the page and its field errors next to the fields, showing no secret", async () => {
    const { user } = renderApp(
      `/admin/partners/${partnerId}`,
      routes({
        [`POST ${base}/keys`]: () =>
          problem(400, {
            title: 'The request is not valid.',
            code: 'validation_failed',
            errors: { Name: ['A key name is at most 100 characters.'], 'Scopes[0]': ['Unknown scope.'] },
          }),
      }),
      staffClaims,
    );
    await user.type(await screen.findByLabelText('Key name'), 'Too long');
    await user.click(screen.getByRole('button', { name: 'Issue key' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The request is not valid.');
    const name = screen.getByLabelText('Key name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('A key name is at most 100 characters.');
    expect(document.getElementById('key-scopes-error')!.textContent).toBe('Unknown scope.');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks before revoking, and revokes only when confirmed', async () => {
    let revoked = false;
    const { fetch, user } = renderApp(
      `/admin/partners/${partnerId}`,
      routes({
        [`GET ${base}/keys`]: () => json([apiKey(revoked ? { revokedAt: '2026-11-29T12:00:00Z' } : {})]),
        [`POST ${base}/keys/${keyId}/revoke`]: () => {
          revoked = true;
          return json(apiKey({ revokedAt: '2026-11-29T12:00:00Z' }));
        },
      }),
      staffClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Revoke key bp_test_3fK9q2Lm' }));
    let dialog = await screen.findByRole('dialog', { name: 'Revoke key bp_test_3fK9q2Lm…?' });
    expect(dialog.textContent).toContain('This cannot be undone.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fetch.callsTo('POST', `${base}/keys/${keyId}/revoke`)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Revoke key bp_test_3fK9q2Lm' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect((await screen.findByText('Key bp_test_3fK9q2Lm… revoked.')).getAttribute('role')).toBe('status');
    const row = screen.getByRole('table', { name: /Keys of this partner/ }).querySelector(`[data-key-id="${keyId}"]`) as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Revoked')).toBeTruthy());
    expect(within(row).queryByRole('button')).toBeNull();
    expect(fetch.callsTo('POST', `${base}/keys/${keyId}/revoke`)).toHaveLength(1);
  });

  it("rolls with the chosen overlap and shows the successor's secret; a refused roll says why in the dialog", async () => {
    let attempts = 0;
    const { fetch, user } = renderApp(
      `/admin/partners/${partnerId}`,
      routes({
        [`POST ${base}/keys/${keyId}/roll`]: () =>
          attempts++ === 0
            ? problem(400, { title: 'The request is not valid.', code: 'validation_failed', errors: { overlapHours: ['At most 168 hours.'] } })
            : json({ key: apiKey({ id: 'new-key', displayPrefix: 'bp_test_9ZyXwVuT' }), secret }),
      }),
      staffClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Roll key bp_test_3fK9q2Lm' }));
    const dialog = await screen.findByRole('dialog', { name: 'Roll key bp_test_3fK9q2Lm…' });
    const overlap = within(dialog).getByLabelText('Overlap (hours)');
    await user.clear(overlap);
    await user.type(overlap, '500');
    await user.click(within(dialog).getByRole('button', { name: 'Roll key' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('The request is not valid.');
    expect(within(dialog).getByText('At most 168 hours.')).toBeTruthy();

    await user.clear(overlap);
    await user.type(overlap, '48');
    await user.click(within(dialog).getByRole('button', { name: 'Roll key' }));
    const secretDialog = await screen.findByRole('dialog', { name: 'Copy the new key now' });
    expect(within(secretDialog).getByText(secret)).toBeTruthy();
    expect(fetch.callsTo('POST', `${base}/keys/${keyId}/roll`).map((c) => c.body)).toEqual([{ overlapHours: 500 }, { overlapHours: 48 }]);
  });

  it('draws requests and rejections per day and lists the exact figures', async () => {
    const { fetch, user } = renderApp(
      `/admin/partners/${partnerId}`,
      routes({
        [`GET ${base}/usage`]: (call) =>
          json([
            { keyId, day: call.query.get('to'), requests: 120, rejected: 7 },
            { keyId: 'other-key', day: call.query.get('to'), requests: 30, rejected: 3 },
            { keyId, day: call.query.get('from'), requests: 5, rejected: 0 },
          ]),
      }),
      staffClaims,
    );
    const chart = await screen.findByRole('img', { name: /Requests and rejections per day, all keys/ });
    const usage = fetch.callsTo('GET', `${base}/usage`)[0]!.query;
    const days = (Date.parse(usage.get('to')!) - Date.parse(usage.get('from')!)) / 86_400_000 + 1;
    expect(days).toBe(30);
    expect(chart.querySelectorAll('.chart-bar-requests')).toHaveLength(30);
    const last = chart.querySelector(`[data-day="${usage.get('to')}"]`)!;
    expect(last.querySelector('.chart-bar-requests')!.getAttribute('data-value')).toBe('150');
    expect(last.querySelector('.chart-bar-rejected')!.getAttribute('data-value')).toBe('10');
    expect(chart.querySelector('desc')!.textContent).toContain('155 requests, 10 rejected.');

    await user.selectOptions(screen.getByLabelText('Key'), keyId);
    const one = await screen.findByRole('img', { name: /key bp_test_3fK9q2Lm…/ });
    expect(one.querySelector(`[data-day="${usage.get('to')}"] .chart-bar-requests`)!.getAttribute('data-value')).toBe('120');
    const table = screen.getByRole('table', { name: /key bp_test_3fK9q2Lm…/ });
    const lastRow = within(table).getAllByRole('row').at(-1)!;
    expect(within(lastRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(['120', '7']);
  });

  it("shows core-api's answer when the partner does not exist", async () => {
    renderApp(
      `/admin/partners/${partnerId}`,
      routes({ [`GET ${base}`]: () => problem(404, { title: 'Partner not found.', code: 'not_found' }) }),
      staffClaims,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Partner not found.');
  });
});
