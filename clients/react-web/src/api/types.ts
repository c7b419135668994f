// The shapes of bff-web's HTTP surface, taken from the types generated out of its checked-in
// OpenAPI document (src/api/schema.ts, `npm run gen:types`; `npm run check:types` fails when
// they are stale). Components import from here, so a contract change breaks the type check.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Money = Schemas['Money'];
export type ProductDto = Schemas['ProductDto'];
export type CreateProductRequest = Schemas['CreateProductRequest'];
export type UpdateProductRequest = Schemas['UpdateProductRequest'];
export type CartDto = Schemas['CartDto'];
export type CartLineDto = Schemas['CartLineDto'];
export type OrderStatus = Schemas['OrderStatus'];
export type OrderDto = Schemas['OrderDto'];
export type OrderLineDto = Schemas['OrderLineDto'];
export type OrderSummaryDto = Schemas['OrderSummaryDto'];
export type UserDto = Schemas['UserDto'];
export type SessionDto = Schemas['BffSessionDto'];
export type EndOthersResult = Schemas['EndOtherSessionsResult'];
/** One claim of GET /bff/user (Duende.BFF shape). */
export type UserClaim = Schemas['BffClaimDto'];

export type PartnerDto = Schemas['PartnerDto'];
export type CreatePartnerRequest = Schemas['CreatePartnerRequest'];
export type UpdatePartnerRequest = Schemas['UpdatePartnerRequest'];
export type ApiKeyDto = Schemas['ApiKeyDto'];
export type IssueApiKeyRequest = Schemas['IssueApiKeyRequest'];
export type IssuedApiKeyDto = Schemas['IssuedApiKeyDto'];
export type UsageDayDto = Schemas['UsageDayDto'];
export type PartnerAuditEntryDto = Schemas['PartnerAuditEntryDto'];

export type ProductPage = Schemas['PageOfProductDto'];
export type OrderSummaryPage = Schemas['PageOfOrderSummaryDto'];

/** A cursor page of any item type, shaped like the generated Page* schemas. */
export type Page<T> = Omit<ProductPage, 'items'> & { items: T[] };

/** RFC 9457 Problem Details plus the platform's extensions (`code`, `traceId`, field `errors`). */
export type ProblemDetails = Schemas['ProblemDetails'] & {
  code?: string;
  traceId?: string;
  errors?: Record<string, string[]>;
};
