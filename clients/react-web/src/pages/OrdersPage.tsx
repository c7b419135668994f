import { listOrders } from '../api/endpoints';
import type { OrderStatus } from '../api/types';
import { LoadMore } from '../components/LoadMore';
import { OrderTable } from '../components/OrderTable';
import { Empty, ErrorAlert, Loading } from '../components/Status';
import { orderStatuses, statusLabel } from '../format';
import { Link, useRouter } from '../router';
import { usePagedList } from '../usePagedList';

export function StatusFilter({ value, onChange, id }: { value: string; onChange: (value: string) => void; id: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Status</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All statuses</option>
        {orderStatuses.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function OrdersPage() {
  const { pathname, search, navigate } = useRouter();
  const status = (new URLSearchParams(search).get('status') ?? '') as OrderStatus | '';
  const orders = usePagedList((cursor, signal) => listOrders({ status, cursor }, signal), [status]);

  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Your orders</h1>
      <div className="filters">
        <StatusFilter
          id="orders-status"
          value={status}
          onChange={(value) => navigate(value ? `${pathname}?status=${value}` : pathname, { replace: true })}
        />
      </div>
      {orders.state.status === 'loading' && <Loading label="Loading your orders…" />}
      {orders.state.status === 'error' && <ErrorAlert error={orders.state.error} />}
      {orders.state.status === 'done' && orders.state.data.items.length === 0 && (
        <Empty>
          {status ? 'No orders with this status.' : 'You have no orders yet.'} <Link to="/">Browse the shop</Link>
        </Empty>
      )}
      {orders.state.status === 'done' && orders.state.data.items.length > 0 && (
        <>
          <OrderTable orders={orders.state.data.items} caption="Your orders, newest first" linkBase="/orders" />
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
