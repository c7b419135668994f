import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem, product, staffClaims } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const p = product(4, { name: 'Lamp', version: 3 });
const path = `/api/core/products/${p.id}`;

describe('staff product editing', () => {
  it('saves with If-Match from the ETag, and on 412 says someone else saved first and reloads on request', async () => {
    let version = 3;
    const { fetch, user } = renderApp(
      `/admin/products/${p.id}`,
      {
        [`GET ${path}`]: () => json({ ...p, name: version === 3 ? 'Lamp' : 'Lamp (theirs)', version }, 200, { ETag: `"${version}"` }),
        [`PUT ${path}`]: () =>
          problem(412, {
            title: 'Precondition failed',
            detail: 'The product changed since you read it.',
            code: 'precondition_failed',
          }),
      },
      staffClaims,
    );

    const name = await screen.findByLabelText('Name');
    expect((name as HTMLInputElement).value).toBe('Lamp');
    await user.clear(name);
    await user.type(name, 'Lamp (mine)');
    version = 4; // someone else saves meanwhile
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else saved this product first');
    const put = fetch.callsTo('PUT', path)[0]!;
    expect(put.headers.get('If-Match')).toBe('"3"');
    expect(put.body).toMatchObject({ name: 'Lamp (mine)', price: 14, currency: 'EUR', stock: 5, active: true });
    expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Reload the latest version' }));
    expect(((await screen.findByDisplayValue('Lamp (theirs)')) as HTMLInputElement).id).toBe('product-name');
    expect(screen.queryByText(/Someone else saved/)).toBeNull();
    expect(fetch.callsTo('GET', path)).toHaveLength(2);
  });

  it('saves and takes the new ETag for the next save', async () => {
    const { fetch, user } = renderApp(
      `/admin/products/${p.id}`,
      {
        [`GET ${path}`]: () => json(p, 200, { ETag: '"3"' }),
        [`PUT ${path}`]: (call) => {
          const tag = call.headers.get('If-Match');
          const next = tag === '"3"' ? 4 : 5;
          return json({ ...p, ...(call.body as object), price: p.price, version: next }, 200, { ETag: `"${next}"` });
        },
      },
      staffClaims,
    );
    await screen.findByLabelText('Name');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved.');
    expect(fetch.callsTo('PUT', path).map((c) => c.headers.get('If-Match'))).toEqual(['"3"', '"4"']);
  });

  it('checks required fields before sending and shows field errors from the server', async () => {
    const { fetch, user } = renderApp(
      '/admin/products/new',
      {
        'POST /api/core/products': () =>
          problem(409, { title: 'SKU taken', detail: 'A product with SKU LAMP-1 exists.', code: 'sku_taken' }),
      },
      staffClaims,
    );
    await user.click(await screen.findByRole('button', { name: 'Create product' }));
    expect(screen.getByText('SKU is required.')).toBeTruthy();
    expect(screen.getByText('Name is required.')).toBeTruthy();
    expect(fetch.callsTo('POST', '/api/core/products')).toHaveLength(0);

    await user.type(screen.getByLabelText('SKU'), 'LAMP-1');
    await user.type(screen.getByLabelText('Name'), 'Lamp');
    await user.type(screen.getByLabelText('Category'), 'Home');
    await user.type(screen.getByLabelText('Price'), '19.5');
    await user.click(screen.getByRole('button', { name: 'Create product' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A product with SKU LAMP-1 exists.');
    expect(fetch.callsTo('POST', '/api/core/products')[0]!.body).toEqual({
      sku: 'LAMP-1',
      name: 'Lamp',
      description: null,
      category: 'Home',
      price: 19.5,
      currency: 'EUR',
      stock: 0,
    });
  });

  it('lists inactive products too', async () => {
    const { fetch } = renderApp(
      '/admin/products',
      {
        'GET /api/core/products': () => json({ items: [p, product(5, { name: 'Old lamp', active: false })], nextCursor: null }),
      },
      staffClaims,
    );
    expect(await screen.findByRole('link', { name: 'Edit Old lamp' })).toBeTruthy();
    expect(fetch.callsTo('GET', '/api/core/products')[0]!.query.get('includeInactive')).toBe('true');
  });
});
