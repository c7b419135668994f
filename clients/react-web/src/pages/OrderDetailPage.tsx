import { useState } from 'react';
import { cancelOrder, getOrder } from '../api/endpoints';
import { OrderLines } from '../components/OrderLines';
import { ErrorAlert, Loading, StatusBadge } from '../components/Status';
import { canCancel, formatDate, shortId } from '../format';
import { Link, useSearchParam } from '../router';
import { useAsync } from '../useAsync';

export function OrderDetailPage({ orderId }: { orderId: string }) {
  const order = useAsync((signal) => getOrder(orderId, signal), [orderId]);
  const placed = useSearchParam('placed') === '1';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);

  if (order.state.status === 'loading') return <Loading label="Loading the order…" />;
  if (order.state.status === 'error')
    return (
      <section>
        <h1>Order</h1>
        <ErrorAlert error={order.state.error} />
        <p>
          <Link to="/orders">Back to your orders</Link>
        </p>
      </section>
    );
  const o = order.state.data;

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      order.setData(await cancelOrder(o.id));
      setCancelled(true);
    } catch (e) {
      setError(e);
      // The status may have moved meanwhile (staff shipped it): show the current one.
      order.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="order-heading">
      <p>
        <Link to="/orders">← Your orders</Link>
      </p>
      <h1 id="order-heading">Order #{shortId(o.id)}</h1>
      {placed && !cancelled && (
        <p role="status" className="alert alert-success">
          Thank you! Your order has been placed.
        </p>
      )}
      {cancelled && (
        <p role="status" className="alert alert-success">
          Your order has been cancelled.
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="order-status">
          <StatusBadge status={o.status} />
        </dd>
        <dt>Placed</dt>
        <dd>{formatDate(o.createdAt)}</dd>
        <dt>Last update</dt>
        <dd>{formatDate(o.updatedAt)}</dd>
      </dl>
      <OrderLines order={o} />
      {canCancel(o.status) && (
        <button type="button" className="danger" onClick={cancel} disabled={busy}>
          {busy ? 'Cancelling…' : 'Cancel order'}
        </button>
      )}
    </section>
  );
}
