import { useState } from 'react';
import type { FormEvent } from 'react';
import { getCart, removeCartItem, setCartItemQuantity } from '../api/endpoints';
import type { CartDto, CartLineDto } from '../api/types';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { formatMoney } from '../format';
import { parseQuantity, QUANTITY_MESSAGE } from '../quantity';
import { Link } from '../router';
import { useAsync } from '../useAsync';

export function CartPage() {
  const cart = useAsync((signal) => getCart(signal), []);
  const [error, setError] = useState<unknown>(null);

  return (
    <section aria-labelledby="cart-heading">
      <h1 id="cart-heading">Your cart</h1>
      {cart.state.status === 'loading' && <Loading label="Loading your cart…" />}
      {cart.state.status === 'error' && <ErrorAlert error={cart.state.error} />}
      {error !== null && <ErrorAlert error={error} />}
      {cart.state.status === 'done' && (
        <CartContents
          cart={cart.state.data}
          onChange={(next) => {
            setError(null);
            cart.setData(next);
          }}
          onError={setError}
        />
      )}
    </section>
  );
}

function CartContents({
  cart,
  onChange,
  onError,
}: {
  cart: CartDto;
  onChange: (cart: CartDto) => void;
  onError: (error: unknown) => void;
}) {
  if (cart.lines.length === 0)
    return (
      <Empty>
        Your cart is empty. <Link to="/">Browse the shop</Link>
      </Empty>
    );
  return (
    <>
      <ul className="cart-lines" aria-label="Cart items">
        {cart.lines.map((line) => (
          <CartLine key={line.productId} line={line} onChange={onChange} onError={onError} />
        ))}
      </ul>
      <div className="cart-total card">
        <p>
          Items: <strong>{cart.itemCount}</strong>
        </p>
        <p className="price-large">
          Total: <strong data-testid="cart-total">{formatMoney(cart.total)}</strong>
        </p>
        <Link to="/checkout" className="button">
          Proceed to checkout
        </Link>
      </div>
    </>
  );
}

function CartLine({
  line,
  onChange,
  onError,
}: {
  line: CartLineDto;
  onChange: (cart: CartDto) => void;
  onError: (error: unknown) => void;
}) {
  const [draft, setDraft] = useState(String(line.quantity));
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const inputId = `qty-${line.productId}`;
  const errorId = `qty-error-${line.productId}`;

  const update = async (event: FormEvent) => {
    event.preventDefault();
    const quantity = parseQuantity(draft);
    setInvalid(quantity === null);
    if (quantity === null) return;
    setBusy(true);
    try {
      onChange(await setCartItemQuantity(line.productId, quantity));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      onChange(await removeCartItem(line.productId));
    } catch (error) {
      onError(error);
      setBusy(false);
    }
  };

  return (
    <li className="card cart-line">
      <div className="cart-line-info">
        <h2 className="product-name">
          <Link to={`/products/${line.productId}`}>{line.name}</Link>
        </h2>
        <p className="muted">
          {formatMoney(line.unitPrice)} each · SKU {line.sku}
        </p>
        {!line.active && <p className="warning">This product is no longer available.</p>}
        {line.active && line.quantity > line.availableStock && (
          <p className="warning">Only {line.availableStock} left in stock.</p>
        )}
      </div>
      <form className="cart-line-qty" onSubmit={update} noValidate>
        <label htmlFor={inputId}>Quantity of {line.name}</label>
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={draft}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={busy} aria-label={`Update quantity of ${line.name}`}>
          Update
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={remove} aria-label={`Remove ${line.name}`}>
          Remove
        </button>
      </form>
      {invalid && (
        <p id={errorId} role="alert" className="alert alert-error">
          {QUANTITY_MESSAGE}
        </p>
      )}
      <p className="line-total">
        Line total: <strong>{formatMoney(line.lineTotal)}</strong>
      </p>
    </li>
  );
}
