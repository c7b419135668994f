import type { OrderDto } from '../api/types';
import { formatMoney } from '../format';

export function OrderLines({ order }: { order: OrderDto }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>Items</caption>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col">Unit price</th>
            <th scope="col">Quantity</th>
            <th scope="col">Line total</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productId}>
              <td>
                {line.name} <span className="muted">({line.sku})</span>
              </td>
              <td>{formatMoney(line.unitPrice)}</td>
              <td>{line.quantity}</td>
              <td>{formatMoney(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td>
              <strong>{formatMoney(order.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
