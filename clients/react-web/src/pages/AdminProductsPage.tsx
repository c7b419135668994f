import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { listAllProducts } from '../api/endpoints';
import { LoadMore } from '../components/LoadMore';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { formatMoney } from '../format';
import { Link, useRouter } from '../router';
import { usePagedList } from '../usePagedList';

/** Staff: every product, deactivated ones included, straight from core-api via bff-web's proxy. */
export function AdminProductsPage() {
  const { pathname, search, navigate } = useRouter();
  const q = new URLSearchParams(search).get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const products = usePagedList((cursor, signal) => listAllProducts({ q, cursor, pageSize: 25 }, signal), [q]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    navigate(text ? `${pathname}?q=${encodeURIComponent(text)}` : pathname, { replace: true });
  };

  return (
    <section aria-labelledby="admin-products-heading">
      <div className="page-head">
        <h1 id="admin-products-heading">Manage products</h1>
        <Link to="/admin/products/new" className="button">
          New product
        </Link>
      </div>
      <form role="search" className="filters" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="admin-product-search">Search products</label>
          <input id="admin-product-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      {products.state.status === 'loading' && <Loading label="Loading products…" />}
      {products.state.status === 'error' && <ErrorAlert error={products.state.error} />}
      {products.state.status === 'done' && products.state.data.items.length === 0 && <Empty>No products found.</Empty>}
      {products.state.status === 'done' && products.state.data.items.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="table">
              <caption>Products, inactive included</caption>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col">Category</th>
                  <th scope="col">Price</th>
                  <th scope="col">Stock</th>
                  <th scope="col">Active</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {products.state.data.items.map((p) => (
                  <tr key={p.id}>
                    <td className="mono">{p.sku}</td>
                    <td>{p.name}</td>
                    <td>{p.category}</td>
                    <td>{formatMoney(p.price)}</td>
                    <td>{p.stock}</td>
                    <td>{p.active ? 'Yes' : 'No'}</td>
                    <td>
                      <Link to={`/admin/products/${p.id}`} aria-label={`Edit ${p.name}`}>
                        Edit
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            hasMore={products.state.data.nextCursor !== null}
            loading={products.loadingMore}
            error={products.moreError}
            onLoadMore={products.loadMore}
          />
        </>
      )}
    </section>
  );
}
