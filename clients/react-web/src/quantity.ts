/** Per-line maximum, as core-api's OrderLimits.MaxQuantityPerLine. */
export const MAX_QUANTITY = 1000;

export const QUANTITY_MESSAGE = `Quantity must be a whole number from 1 to ${MAX_QUANTITY}.`;

/** The quantity typed by the user, or null when it is not a whole number in 1..MAX. */
export function parseQuantity(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= MAX_QUANTITY ? value : null;
}
