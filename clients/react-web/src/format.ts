import type { Money, OrderStatus } from './api/types';

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: Money): string {
  let format = moneyFormats.get(money.currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency });
    } catch {
      return `${money.amount.toFixed(2)} ${money.currency}`;
    }
    moneyFormats.set(money.currency, format);
  }
  return format.format(money.amount);
}

/** An amount for an input field: the currency's minor digits ("19.50" for EUR, "1200" for JPY), no symbol. */
export function formatAmount(money: Money): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown currency code: two digits, like most.
  }
  return money.amount.toFixed(digits);
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

const statusLabels: Record<OrderStatus, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export const orderStatuses = Object.keys(statusLabels) as OrderStatus[];

export function statusLabel(status: string): string {
  return statusLabels[status.toLowerCase() as OrderStatus] ?? status;
}

/** The owner may cancel while the order is pending or confirmed (core-api enforces it too). */
export function canCancel(status: string): boolean {
  const s = status.toLowerCase();
  return s === 'pending' || s === 'confirmed';
}

/**
 * Orders are shown by the last 8 characters of their id, like a receipt number. Not the first:
 * core-api's ids are UUIDv7, whose leading characters are a timestamp shared by every order
 * placed in the same minute; the tail is random.
 */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(-8).toUpperCase();
}
