import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ADD_PARAM, rememberAddIntent, takeAddIntent } from '../addIntent';
import { addCartItem, getProduct } from '../api/endpoints';
import type { CartDto } from '../api/types';
import { ErrorAlert, Loading } from '../components/Status';
import { formatMoney } from '../format';
import { parseQuantity, QUANTITY_MESSAGE } from '../quantity';
import { Link, useRouter, useSearchParam } from '../router';
import { goToSignIn, loginUrl, useSession } from '../session';
import { useAsync } from '../useAsync';

export function ProductPage({ productId }: { productId: string }) {
  const product = useAsync((signal) => getProduct(productId, signal), [productId]);
  const { session } = useSession();
  const { pathname, navigate } = useRouter();
  const addMarker = useSearchParam(ADD_PARAM);
  const [quantity, setQuantity] = useState('1');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<CartDto | null>(null);

  const add = async (value: number) => {
    setAdded(null);
    setError(null);
    setBusy(true);
    try {
      setAdded(await addCartItem(productId, value));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Back from signing in to add this product: act once, then take the marker out of the URL
  // so a reload or "Back" does not add it again.
  useEffect(() => {
    if (addMarker === null || session.status === 'loading') return;
    const stored = takeAddIntent(productId);
    navigate(pathname, { replace: true });
    if (session.status === 'signedIn' && addMarker === productId && stored !== null) {
      setQuantity(String(stored));
      void add(stored);
    }
    // `add` and `navigate` act on the current page; the marker and the session decide when.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [addMarker, session.status, productId]);

  if (product.state.status === 'loading') return <Loading label="Loading product…" />;
  if (product.state.status === 'error')
    return (
      <section>
        <h1>Product</h1>
        <ErrorAlert error={product.state.error} />
        <p>
          <Link to="/">Back to the shop</Link>
        </p>
      </section>
    );
  const p = product.state.data;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    setError(null);
    const value = parseQuantity(quantity);
    setInvalid(value === null);
    if (value === null) return;
    if (session.status === 'anonymous' || session.status === 'signedOut') {
      // A cart needs a session: sign in, come back here, and the page adds the product then.
      goToSignIn(loginUrl(rememberAddIntent(pathname, p.id, value)));
      return;
    }
    await add(value);
  };

  return (
    <article aria-labelledby="product-heading" className="product-detail">
      <p>
        <Link to="/">← Back to the shop</Link>
      </p>
      <h1 id="product-heading">{p.name}</h1>
      <p className="muted">
        {p.category} · SKU {p.sku}
      </p>
      <p className="price price-large">{formatMoney(p.price)}</p>
      <p className={p.stock > 0 ? 'stock' : 'stock stock-out'}>
        {p.stock > 0 ? `${p.stock} in stock` : 'Out of stock'}
      </p>
      {p.description && <p className="description">{p.description}</p>}

      <form className="add-to-cart" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="quantity">Quantity</label>
          <input
            id="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={quantity}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'quantity-error' : undefined}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add to cart'}
        </button>
      </form>
      {invalid && (
        <p id="quantity-error" role="alert" className="alert alert-error">
          {QUANTITY_MESSAGE}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {added && (
        <p role="status" className="alert alert-success">
          Added to cart. Your cart has {added.itemCount} {added.itemCount === 1 ? 'item' : 'items'}.{' '}
          <Link to="/cart">View cart</Link>
        </p>
      )}
    </article>
  );
}
