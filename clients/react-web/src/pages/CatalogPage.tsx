import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { listCategories, listProducts } from '../api/endpoints';
import { LoadMore } from '../components/LoadMore';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { formatMoney } from '../format';
import { Link, useRouter } from '../router';
import { useAsync } from '../useAsync';
import { usePagedList } from '../usePagedList';

const PAGE_SIZE = 12;

/** Home: the catalog, searched by text and category; further pages by cursor ("Load more"). */
export function CatalogPage() {
  const { search, pathname, navigate } = useRouter();
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const categories = useAsync((signal) => listCategories(signal), []);
  const listing = usePagedList(
    (cursor, signal) => listProducts({ q, category, pageSize: PAGE_SIZE, cursor }, signal),
    [q, category],
  );

  // The query lives in the URL so reloads, "Back" and sign-in's returnUrl keep it.
  const applyFilters = (nextQ: string, nextCategory: string) => {
    const next = new URLSearchParams();
    if (nextQ.trim()) next.set('q', nextQ.trim());
    if (nextCategory) next.set('category', nextCategory);
    const text = next.toString();
    navigate(text ? `${pathname}?${text}` : pathname, { replace: true });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    applyFilters(draft, category);
  };

  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">Shop</h1>
      <form role="search" className="filters" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="catalog-search">Search products</label>
          <input
            id="catalog-search"
            type="search"
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="catalog-category">Category</label>
          <select
            id="catalog-category"
            value={category}
            onChange={(e) => applyFilters(draft, e.target.value)}
          >
            <option value="">All categories</option>
            {categories.state.status === 'done' &&
              categories.state.data.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>

      {listing.state.status === 'loading' && <Loading label="Loading products…" />}
      {listing.state.status === 'error' && <ErrorAlert error={listing.state.error} />}
      {listing.state.status === 'done' && listing.state.data.items.length === 0 && (
        <Empty>No products match your search.</Empty>
      )}
      {listing.state.status === 'done' && listing.state.data.items.length > 0 && (
        <>
          <ul className="product-grid" aria-label="Products">
            {listing.state.data.items.map((product) => (
              <li key={product.id} className="card product-card">
                <h2 className="product-name">
                  <Link to={`/products/${product.id}`}>{product.name}</Link>
                </h2>
                <p className="muted">{product.category}</p>
                <p className="price">{formatMoney(product.price)}</p>
                <p className={product.stock > 0 ? 'stock' : 'stock stock-out'}>
                  {product.stock > 0 ? `${product.stock} in stock` : 'Out of stock'}
                </p>
              </li>
            ))}
          </ul>
          <LoadMore
            hasMore={listing.state.data.nextCursor !== null}
            loading={listing.loadingMore}
            error={listing.moreError}
            onLoadMore={listing.loadMore}
          />
        </>
      )}
    </section>
  );
}
