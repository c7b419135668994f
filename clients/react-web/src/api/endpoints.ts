// Typed calls of bff-web's API, one function per endpoint the SPA uses.
import { apiFetch, apiRequest } from './client';
import type {
  ApiKeyDto,
  CartDto,
  CreatePartnerRequest,
  CreateProductRequest,
  EndOthersResult,
  IssueApiKeyRequest,
  IssuedApiKeyDto,
  OrderDto,
  OrderStatus,
  OrderSummaryDto,
  Page,
  PartnerAuditEntryDto,
  PartnerDto,
  ProductDto,
  SessionDto,
  UpdatePartnerRequest,
  UpdateProductRequest,
  UsageDayDto,
  UserClaim,
  UserDto,
} from './types';

/** Builds `path?k=v` from the defined, non-empty values only. */
export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const id = (value: string) => encodeURIComponent(value);

// --- session --------------------------------------------------------------------------
export const getUserClaims = (signal?: AbortSignal) =>
  apiFetch<UserClaim[]>('/bff/user', { signal, announceSignedOut: false });

// --- storefront -----------------------------------------------------------------------
export interface ProductQuery {
  q?: string;
  category?: string;
  cursor?: string | null;
  pageSize?: number;
}
export const listProducts = (query: ProductQuery, signal?: AbortSignal) =>
  apiFetch<Page<ProductDto>>(withQuery('/api/products', { ...query }), { signal });
export const listCategories = (signal?: AbortSignal) => apiFetch<string[]>('/api/products/categories', { signal });
export const getProduct = (productId: string, signal?: AbortSignal) =>
  apiFetch<ProductDto>(`/api/products/${id(productId)}`, { signal });

// --- cart -----------------------------------------------------------------------------
export const getCart = (signal?: AbortSignal) => apiFetch<CartDto>('/api/cart', { signal });
export const addCartItem = (productId: string, quantity: number) =>
  apiFetch<CartDto>('/api/cart/items', { method: 'POST', body: { productId, quantity } });
export const setCartItemQuantity = (productId: string, quantity: number) =>
  apiFetch<CartDto>(`/api/cart/items/${id(productId)}`, { method: 'PUT', body: { quantity } });
export const removeCartItem = (productId: string) =>
  apiFetch<CartDto>(`/api/cart/items/${id(productId)}`, { method: 'DELETE' });
/** The same key for every retry of one checkout attempt makes the retry safe. */
export const checkout = (idempotencyKey: string) =>
  apiFetch<OrderDto>('/api/cart/checkout', { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey } });

// --- my orders ------------------------------------------------------------------------
export interface OrderQuery {
  status?: OrderStatus | '';
  cursor?: string | null;
  pageSize?: number;
}
export const listOrders = (query: OrderQuery, signal?: AbortSignal) =>
  apiFetch<Page<OrderSummaryDto>>(withQuery('/api/orders', { ...query }), { signal });
export const getOrder = (orderId: string, signal?: AbortSignal) =>
  apiFetch<OrderDto>(`/api/orders/${id(orderId)}`, { signal });
export const cancelOrder = (orderId: string) =>
  apiFetch<OrderDto>(`/api/orders/${id(orderId)}/cancel`, { method: 'POST' });

// --- me -------------------------------------------------------------------------------
export const getMe = (signal?: AbortSignal) => apiFetch<UserDto>('/api/me', { signal });
export const listSessions = (signal?: AbortSignal) => apiFetch<SessionDto[]>('/api/sessions', { signal });
export const endSession = (sessionId: string) =>
  apiFetch<void>(`/api/sessions/${id(sessionId)}`, { method: 'DELETE' });
export const endOtherSessions = () => apiFetch<EndOthersResult>('/api/sessions/end-others', { method: 'POST' });

// --- staff: orders --------------------------------------------------------------------
export interface AdminOrderQuery extends OrderQuery {
  customerId?: string;
}
export const listAllOrders = (query: AdminOrderQuery, signal?: AbortSignal) =>
  apiFetch<Page<OrderSummaryDto>>(withQuery('/api/admin/orders', { ...query }), { signal });
export const getAnyOrder = (orderId: string, signal?: AbortSignal) =>
  apiFetch<OrderDto>(`/api/admin/orders/${id(orderId)}`, { signal });
export const changeOrderStatus = (orderId: string, status: OrderStatus) =>
  apiFetch<OrderDto>(`/api/admin/orders/${id(orderId)}/status`, { method: 'POST', body: { status } });

// --- staff: products (YARP pass-through to core-api /api/v1/products) -----------------
export interface VersionedProduct {
  product: ProductDto;
  /** The ETag to send back as If-Match when saving. */
  etag: string | null;
}
export const listAllProducts = (query: ProductQuery, signal?: AbortSignal) =>
  apiFetch<Page<ProductDto>>(withQuery('/api/core/products', { includeInactive: true, ...query }), { signal });
export async function getProductForEdit(productId: string, signal?: AbortSignal): Promise<VersionedProduct> {
  const response = await apiRequest<ProductDto>(`/api/core/products/${id(productId)}`, { signal });
  return { product: response.data, etag: response.headers.get('ETag') };
}
export async function createProduct(request: CreateProductRequest): Promise<VersionedProduct> {
  const response = await apiRequest<ProductDto>('/api/core/products', { method: 'POST', body: request });
  return { product: response.data, etag: response.headers.get('ETag') };
}
export async function updateProduct(
  productId: string,
  etag: string,
  request: UpdateProductRequest,
): Promise<VersionedProduct> {
  const response = await apiRequest<ProductDto>(`/api/core/products/${id(productId)}`, {
    method: 'PUT',
    body: request,
    headers: { 'If-Match': etag },
  });
  return { product: response.data, etag: response.headers.get('ETag') };
}

// --- staff: partners and their API keys -----------------------------------------------
export const listPartners = (query: { cursor?: string | null; pageSize?: number }, signal?: AbortSignal) =>
  apiFetch<Page<PartnerDto>>(withQuery('/api/admin/partners', { ...query }), { signal });
export const createPartner = (request: CreatePartnerRequest) =>
  apiFetch<PartnerDto>('/api/admin/partners', { method: 'POST', body: request });
export const getPartner = (partnerId: string, signal?: AbortSignal) =>
  apiFetch<PartnerDto>(`/api/admin/partners/${id(partnerId)}`, { signal });
export const updatePartner = (partnerId: string, request: UpdatePartnerRequest) =>
  apiFetch<PartnerDto>(`/api/admin/partners/${id(partnerId)}`, { method: 'PUT', body: request });
export const listPartnerKeys = (partnerId: string, signal?: AbortSignal) =>
  apiFetch<ApiKeyDto[]>(`/api/admin/partners/${id(partnerId)}/keys`, { signal });
/** The only answers that carry a key's secret: show it once, keep it nowhere. */
export const issuePartnerKey = (partnerId: string, request: IssueApiKeyRequest) =>
  apiFetch<IssuedApiKeyDto>(`/api/admin/partners/${id(partnerId)}/keys`, { method: 'POST', body: request });
export const rollPartnerKey = (partnerId: string, keyId: string, overlapHours: number) =>
  apiFetch<IssuedApiKeyDto>(`/api/admin/partners/${id(partnerId)}/keys/${id(keyId)}/roll`, {
    method: 'POST',
    body: { overlapHours },
  });
export const revokePartnerKey = (partnerId: string, keyId: string) =>
  apiFetch<ApiKeyDto>(`/api/admin/partners/${id(partnerId)}/keys/${id(keyId)}/revoke`, { method: 'POST' });
export const getPartnerUsage = (partnerId: string, range: { from: string; to: string }, signal?: AbortSignal) =>
  apiFetch<UsageDayDto[]>(withQuery(`/api/admin/partners/${id(partnerId)}/usage`, range), { signal });
export const listPartnerAudit = (
  query: { partnerId?: string; cursor?: string | null; pageSize?: number },
  signal?: AbortSignal,
) => apiFetch<Page<PartnerAuditEntryDto>>(withQuery('/api/admin/partners/audit', { ...query }), { signal });
