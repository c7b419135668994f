import { useRef, useState } from 'react';
import { ApiError, NETWORK_ERROR_STATUS } from '../api/client';
import { checkout, getCart } from '../api/endpoints';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { formatMoney } from '../format';
import { Link, useRouter } from '../router';
import { useAsync } from '../useAsync';

/** Whether the outcome of a failed checkout is unknown, so a retry must reuse the key. */
function outcomeUnknown(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === NETWORK_ERROR_STATUS || error.status >= 500;
}

export function CheckoutPage() {
  const { navigate } = useRouter();
  const cart = useAsync((signal) => getCart(signal), []);
  // One Idempotency-Key per checkout attempt: a retry after a lost answer sends the same key,
  // so core-api places the order at most once; a definite refusal starts a new attempt.
  const attemptKey = useRef<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const placeOrder = async () => {
    attemptKey.current ??= crypto.randomUUID();
    setBusy(true);
    setError(null);
    try {
      const order = await checkout(attemptKey.current);
      attemptKey.current = null;
      navigate(`/orders/${order.id}?placed=1`);
    } catch (e) {
      if (!outcomeUnknown(e)) attemptKey.current = null;
      setError(e);
      setBusy(false);
      if (e instanceof ApiError && e.status === 409) cart.reload();
    }
  };

  return (
    <section aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      {cart.state.status === 'loading' && <Loading label="Loading your cart…" />}
      {cart.state.status === 'error' && <ErrorAlert error={cart.state.error} />}
      {error !== null && <ErrorAlert error={error} />}
      {cart.state.status === 'done' && cart.state.data.lines.length === 0 && (
        <Empty>
          Your cart is empty. <Link to="/">Browse the shop</Link>
        </Empty>
      )}
      {cart.state.status === 'done' && cart.state.data.lines.length > 0 && (
        <>
          <table className="table">
            <caption>Order summary</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Quantity</th>
                <th scope="col">Line total</th>
              </tr>
            </thead>
            <tbody>
              {cart.state.data.lines.map((line) => (
                <tr key={line.productId}>
                  <td>{line.name}</td>
                  <td>{line.quantity}</td>
                  <td>{formatMoney(line.lineTotal)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td>
                  <strong>{formatMoney(cart.state.data.total)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          <div className="actions">
            <Link to="/cart" className="button secondary">
              Back to cart
            </Link>
            <button type="button" onClick={placeOrder} disabled={busy}>
              {busy ? 'Placing order…' : 'Place order'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
