import { useState } from 'react';
import { changeOrderStatus, getAnyOrder } from '../api/endpoints';
import type { OrderStatus } from '../api/types';
import { OrderLines } from '../components/OrderLines';
import { ErrorAlert, Loading, StatusBadge } from '../components/Status';
import { formatDate, shortId, statusLabel } from '../format';
import { Link } from '../router';
import { useAsync } from '../useAsync';
import { statusMoves } from './AdminOrdersPage';

export function AdminOrderDetailPage({ orderId }: { orderId: string }) {
  const order = useAsync((signal) => getAnyOrder(orderId, signal), [orderId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (order.state.status === 'loading') return <Loading label="Loading the order…" />;
  if (order.state.status === 'error')
    return (
      <section>
        <h1>Order</h1>
        <ErrorAlert error={order.state.error} />
        <Link to="/admin/orders">Back to orders</Link>
      </section>
    );
  const o = order.state.data;

  const move = async (to: OrderStatus) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const updated = await changeOrderStatus(o.id, to);
      order.setData(updated);
      setNotice(`The order is now ${statusLabel(updated.status)}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="admin-order-heading">
      <p>
        <Link to="/admin/orders">← All orders</Link>
      </p>
      <h1 id="admin-order-heading">Order #{shortId(o.id)}</h1>
      {notice && (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={o.status} />
        </dd>
        <dt>Customer</dt>
        <dd className="mono">{o.customerId}</dd>
        <dt>Placed</dt>
        <dd>{formatDate(o.createdAt)}</dd>
      </dl>
      <OrderLines order={o} />
      <div className="actions">
        {(statusMoves[o.status.toLowerCase() as OrderStatus] ?? []).map((m) => (
          <button
            key={m.to}
            type="button"
            className={m.to === 'cancelled' ? 'danger' : undefined}
            disabled={busy}
            onClick={() => move(m.to)}
          >
            {m.label}
          </button>
        ))}
      </div>
    </section>
  );
}
