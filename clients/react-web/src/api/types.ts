// Hand-declared shapes of bff-web's HTTP surface (see BRIEF), used until bff-web's
// checked-in OpenAPI document exists; then these become aliases of the generated schema.

export interface Money {
  amount: number;
  currency: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface ProductDto {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: Money;
  stock: number;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface CreateProductRequest {
  sku: string;
  name: string;
  description?: string | null;
  category: string;
  price: number;
  currency: string;
  stock: number;
}

export interface UpdateProductRequest {
  name: string;
  description?: string | null;
  category: string;
  price: number;
  currency: string;
  stock: number;
  active: boolean;
}

export interface CartLineDto {
  productId: string;
  sku: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
  availableStock: number;
  active: boolean;
}

export interface CartDto {
  lines: CartLineDto[];
  total: Money;
  itemCount: number;
  updatedAt: string;
}

export type OrderStatus = 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderLineDto {
  productId: string;
  sku: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

export interface OrderDto {
  id: string;
  customerId: string;
  status: OrderStatus;
  lines: OrderLineDto[];
  total: Money;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderSummaryDto {
  id: string;
  customerId: string;
  status: OrderStatus;
  itemCount: number;
  total: Money;
  createdAt: string;
  updatedAt: string;
}

export interface UserDto {
  id: string;
  email?: string | null;
  name?: string | null;
  role: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface SessionDto {
  id: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt?: string | null;
  userAgent?: string | null;
  current: boolean;
}

export interface EndOthersResult {
  ended: number;
}

/** One claim of GET /bff/user (Duende.BFF shape). */
export interface UserClaim {
  type: string;
  value: string | number | boolean;
}

/** RFC 9457 Problem Details with the platform's `code` and validation `errors`. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  traceId?: string;
  errors?: Record<string, string[]>;
}
