import { useState } from 'react';
import { changeOrderStatus, listAllOrders } from '../api/endpoints';
import type { OrderStatus, OrderSummaryDto } from '../api/types';
import { LoadMore } from '../components/LoadMore';
import { OrderLink } from '../components/OrderTable';
import { Empty, ErrorAlert, Loading, StatusBadge } from '../components/Status';
import { formatDate, formatMoney, shortId, statusLabel } from '../format';
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
          <AdminOrderTable
            orders={orders.state.data.items}
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

/** Who ordered: name and e-mail when core-api knows them (a service's order has neither), else the id. */
function Customer({ order }: { order: OrderSummaryDto }) {
  if (!order.customerName && !order.customerEmail) {
    return <span className="mono">{order.customerId}</span>;
  }
  return (
    <>
      {order.customerName && <span className="customer-name">{order.customerName}</span>}
      {order.customerName && order.customerEmail && <br />}
      {order.customerEmail && <a href={`mailto:${order.customerEmail}`}>{order.customerEmail}</a>}
    </>
  );
}

/** Every customer's orders as rows, with who placed each and the moves staff may make. */
function AdminOrderTable({
  orders,
  actions,
}: {
  orders: OrderSummaryDto[];
  actions: (order: OrderSummaryDto) => React.ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>All customers' orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Customer</th>
            <th scope="col">Placed</th>
            <th scope="col">Items</th>
            <th scope="col">Total</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} data-order-id={order.id}>
              <td>
                <OrderLink order={order} base="/admin/orders" />
              </td>
              <td>
                <Customer order={order} />
              </td>
              <td>{formatDate(order.createdAt)}</td>
              <td>{order.itemCount}</td>
              <td>{formatMoney(order.total)}</td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>
                <div className="row-actions">{actions(order)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
