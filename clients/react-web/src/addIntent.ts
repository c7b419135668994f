// "Add to cart" pressed by a visitor: remembered in this tab while they sign in, and acted on
// once when sign-in brings them back to the product page. The return URL carries only a marker
// (`?add=<product id>`); the quantity waits in sessionStorage, which no other site can write,
// so a crafted link ending in `?add=…` adds nothing to anyone's cart.

/** The query parameter that marks "back from signing in to add this product". */
export const ADD_PARAM = 'add';

const STORAGE_KEY = 'shop.addToCartIntent';
/** Long enough for a sign-in with a forgotten password; short enough not to surprise later. */
const LIFETIME_MS = 15 * 60 * 1000;

interface AddIntent {
  productId: string;
  quantity: number;
  expiresAt: number;
}

/** Stores the intent; returns the product page's return URL with the marker (path + search). */
export function rememberAddIntent(productPath: string, productId: string, quantity: number): string {
  const intent: AddIntent = { productId, quantity, expiresAt: Date.now() + LIFETIME_MS };
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(intent));
  } catch {
    // Storage refused (private mode, quota): the visitor still comes back to the page.
  }
  return `${productPath}?${ADD_PARAM}=${encodeURIComponent(productId)}`;
}

/** Removes the stored intent and returns its quantity if it is for this product and still fresh. */
export function takeAddIntent(productId: string): number | null {
  let text: string | null = null;
  try {
    text = window.sessionStorage.getItem(STORAGE_KEY);
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const intent = JSON.parse(text) as Partial<AddIntent>;
    const fresh = typeof intent.expiresAt === 'number' && intent.expiresAt > Date.now();
    const valid = Number.isInteger(intent.quantity) && (intent.quantity ?? 0) >= 1;
    return fresh && valid && intent.productId === productId ? intent.quantity! : null;
  } catch {
    return null;
  }
}
