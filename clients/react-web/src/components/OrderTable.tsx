import type { OrderSummaryDto } from '../api/types';
import { formatDate, formatMoney, shortId } from '../format';
import { Link } from '../router';
import { StatusBadge } from './Status';

export function OrderLink({ order, base }: { order: { id: string }; base: string }) {
  return (
    <Link to={`${base}/${order.id}`} aria-label={`Order ${shortId(order.id)}`}>
      #{shortId(order.id)}
    </Link>
  );
}

/** My orders as rows; staff screens pass extra columns through `actions`. */
export function OrderTable({
  orders,
  caption,
  linkBase,
  actions,
}: {
  orders: OrderSummaryDto[];
  caption: string;
  linkBase: string;
  actions?: (order: OrderSummaryDto) => React.ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Placed</th>
            <th scope="col">Items</th>
            <th scope="col">Total</th>
            <th scope="col">Status</th>
            {actions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} data-order-id={order.id}>
              <td>
                <OrderLink order={order} base={linkBase} />
              </td>
              <td>{formatDate(order.createdAt)}</td>
              <td>{order.itemCount}</td>
              <td>{formatMoney(order.total)}</td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              {actions && (
                <td>
                  <div className="row-actions">{actions(order)}</div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
