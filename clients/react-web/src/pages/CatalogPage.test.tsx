import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aliceClaims, json, problem, product } from '../test/fetchMock';
import { renderApp } from '../test/renderApp';

const categories = () => json(['Books', 'Games']);

describe('catalog', () => {
  it('lists products with price and stock, and searches by text through the query string', async () => {
    const { fetch, user } = renderApp(
      '/',
      {
        'GET /api/products/categories': categories,
        'GET /api/products': (call) =>
          call.query.get('q') === 'lamp'
            ? json({ items: [product(9, { name: 'Desk lamp' })], nextCursor: null })
            : json({ items: [product(1), product(2, { stock: 0 })], nextCursor: null }),
      },
      aliceClaims,
    );

    const list = await screen.findByRole('list', { name: 'Products' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByRole('link', { name: 'Product 1' }).getAttribute('href')).toBe(
      '/products/00000000-0000-0000-0000-000000000001',
    );
    expect(within(list).getByText('€11.00')).toBeTruthy();
    expect(within(list).getByText('Out of stock')).toBeTruthy();

    await user.type(screen.getByLabelText('Search products'), 'lamp');
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('link', { name: 'Desk lamp' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Product 1' })).toBeNull();
    expect(window.location.search).toBe('?q=lamp');
    const searches = fetch.callsTo('GET', '/api/products');
    expect(searches.at(-1)!.query.get('q')).toBe('lamp');
  });

  it('filters by category', async () => {
    const { fetch, user } = renderApp(
      '/',
      {
        'GET /api/products/categories': categories,
        'GET /api/products': (call) =>
          json({ items: [product(call.query.get('category') === 'Games' ? 7 : 1)], nextCursor: null }),
      },
      aliceClaims,
    );
    await screen.findByRole('link', { name: 'Product 1' });
    await screen.findByRole('option', { name: 'Games' });
    await user.selectOptions(screen.getByLabelText('Category'), 'Games');
    expect(await screen.findByRole('link', { name: 'Product 7' })).toBeTruthy();
    expect(fetch.callsTo('GET', '/api/products').at(-1)!.query.get('category')).toBe('Games');
  });

  it('loads the next page with the cursor and appends it; the button goes away on the last page', async () => {
    const { fetch, user } = renderApp(
      '/?q=prod',
      {
        'GET /api/products/categories': categories,
        'GET /api/products': (call) =>
          call.query.get('cursor') === 'page-2'
            ? json({ items: [product(3)], nextCursor: null })
            : json({ items: [product(1), product(2)], nextCursor: 'page-2' }),
      },
      aliceClaims,
    );
    await screen.findByRole('link', { name: 'Product 1' });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Product 3' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').filter((li) => li.classList.contains('product-card'))).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const second = fetch.callsTo('GET', '/api/products').at(-1)!;
    expect(second.query.get('cursor')).toBe('page-2');
    expect(second.query.get('q')).toBe('prod');
  });

  it('shows an empty state when nothing matches', async () => {
    renderApp(
      '/?q=nothing',
      { 'GET /api/products/categories': categories, 'GET /api/products': () => json({ items: [], nextCursor: null }) },
      aliceClaims,
    );
    expect(await screen.findByText('No products match your search.')).toBeTruthy();
  });

  it("shows the server's Problem Details when the list fails", async () => {
    renderApp(
      '/',
      {
        'GET /api/products/categories': categories,
        'GET /api/products': () =>
          problem(503, { title: 'Service unavailable', detail: 'core-api did not answer in time.', code: 'upstream_unavailable' }),
      },
      aliceClaims,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Service unavailable');
    expect(alert.textContent).toContain('core-api did not answer in time.');
  });
});
