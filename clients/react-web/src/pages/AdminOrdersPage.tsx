import { useState } from 'react';
import { changeOrderStatus, listAllOrders } from '../api/endpoints';
import type { OrderStatus, OrderSummaryDto } from '../api/types';
import { LoadMore } from '../components/LoadMore';
import { OrderTable } from '../components/OrderTable';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { shortId, statusLabel } from '../format';
import { useRouter } from '../router';
import { usePagedList } from '../usePagedList';
import { StatusFilter } from './OrdersPage';

/** The moves offered per status; core-api is the judge (409 illegal_status_transition). */
export const statusMoves: Record<OrderStatus, { to: OrderStatus; label: string }[]> = {
  pending: [
    { to: 'confirmed', label: 'Confirm' },
    { to: 'cancelled', label: 'Cancel' },
  ],
  confirmed: [
    { to: 'shipped', label: 'Mark shipped' },
    { to: 'cancelled', label: 'Cancel' },
  ],
  shipped: [{ to: 'delivered', label: 'Mark delivered' }],
  delivered: [],
  cancelled: [],
};

export function AdminOrdersPage() {
  const { pathname, search, navigate } = useRouter();
  const status = (new URLSearchParams(search).get('status') ?? '') as OrderStatus | '';
  const orders = usePagedList((cursor, signal) => listAllOrders({ status, cursor }, signal), [status]);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const move = async (order: OrderSummaryDto, to: OrderStatus) => {
    setBusyId(order.id);
    setError(null);
    setNotice(null);
    try {
      const updated = await changeOrderStatus(order.id, to);
      orders.replace((o) => o.id === order.id, { ...order, status: updated.status, updatedAt: updated.updatedAt });
      setNotice(`Order #${shortId(order.id)} is now ${statusLabel(updated.status)}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };

  return (
    <section aria-labelledby="admin-orders-heading">
      <h1 id="admin-orders-heading">Manage orders</h1>
      <div className="filters">
        <StatusFilter
          id="admin-orders-status"
          value={status}
          onChange={(value) => navigate(value ? `${pathname}?status=${value}` : pathname, { replace: true })}
        />
      </div>
      {notice && (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {orders.state.status === 'loading' && <Loading label="Loading orders…" />}
      {orders.state.status === 'error' && <ErrorAlert error={orders.state.error} />}
      {orders.state.status === 'done' && orders.state.data.items.length === 0 && <Empty>No orders.</Empty>}
      {orders.state.status === 'done' && orders.state.data.items.length > 0 && (
        <>
          <OrderTable
            orders={orders.state.data.items}
            caption="All customers' orders, newest first"
            linkBase="/admin/orders"
            actions={(order) =>
              (statusMoves[order.status.toLowerCase() as OrderStatus] ?? []).map((m) => (
                <button
                  key={m.to}
                  type="button"
                  className={m.to === 'cancelled' ? 'small danger' : 'small'}
                  disabled={busyId === order.id}
                  onClick={() => move(order, m.to)}
                  aria-label={`${m.label} order ${shortId(order.id)}`}
                >
                  {m.label}
                </button>
              ))
            }
          />
          <LoadMore
            hasMore={orders.state.data.nextCursor !== null}
            loading={orders.loadingMore}
            error={orders.moreError}
            onLoadMore={orders.loadMore}
          />
        </>
      )}
    </section>
  );
}
