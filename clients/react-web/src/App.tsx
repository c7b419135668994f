import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { ErrorAlert, Loading } from './components/Status';
import { AdminOrderDetailPage } from './pages/AdminOrderDetailPage';
import { AdminOrdersPage } from './pages/AdminOrdersPage';
import { AdminPartnerAuditPage } from './pages/AdminPartnerAuditPage';
import { AdminPartnerPage } from './pages/AdminPartnerPage';
import { AdminPartnersPage } from './pages/AdminPartnersPage';
import { AdminProductEditPage } from './pages/AdminProductEditPage';
import { AdminProductsPage } from './pages/AdminProductsPage';
import { CartPage } from './pages/CartPage';
import { CatalogPage } from './pages/CatalogPage';
import { CheckoutPage } from './pages/CheckoutPage';
import { OrderDetailPage } from './pages/OrderDetailPage';
import { OrdersPage } from './pages/OrdersPage';
import { ProductPage } from './pages/ProductPage';
import { ProfilePage } from './pages/ProfilePage';
import { SessionsPage } from './pages/SessionsPage';
import { Link, matchPath, RouterProvider, useRouter } from './router';
import { loginUrl, SessionProvider, useSession } from './session';

interface Route {
  path: string;
  title: string;
  /** Who may see the page; the catalog (no `access`) is open to visitors. */
  access?: 'signedIn' | 'staff';
  /** What a visitor is asked to sign in for ("Sign in to see your cart."). */
  purpose?: string;
  render: (params: Record<string, string>) => ReactNode;
}

const routes: Route[] = [
  { path: '/', title: 'Shop', render: () => <CatalogPage /> },
  { path: '/products/:id', title: 'Product', render: (p) => <ProductPage productId={p.id!} /> },
  { path: '/cart', title: 'Cart', access: 'signedIn', purpose: 'see your cart', render: () => <CartPage /> },
  { path: '/checkout', title: 'Checkout', access: 'signedIn', purpose: 'check out', render: () => <CheckoutPage /> },
  { path: '/orders', title: 'Your orders', access: 'signedIn', purpose: 'see your orders', render: () => <OrdersPage /> },
  {
    path: '/orders/:id',
    title: 'Order',
    access: 'signedIn',
    purpose: 'see this order',
    render: (p) => <OrderDetailPage orderId={p.id!} />,
  },
  { path: '/profile', title: 'Profile', access: 'signedIn', purpose: 'see your profile', render: () => <ProfilePage /> },
  { path: '/sessions', title: 'Sessions', access: 'signedIn', purpose: 'see your sessions', render: () => <SessionsPage /> },
  { path: '/admin/products', title: 'Manage products', access: 'staff', render: () => <AdminProductsPage /> },
  {
    path: '/admin/products/new',
    title: 'New product',
    access: 'staff',
    render: () => <AdminProductEditPage key="new" productId={null} />,
  },
  {
    path: '/admin/products/:id',
    title: 'Edit product',
    access: 'staff',
    render: (p) => <AdminProductEditPage key={p.id} productId={p.id!} />,
  },
  { path: '/admin/orders', title: 'Manage orders', access: 'staff', render: () => <AdminOrdersPage /> },
  {
    path: '/admin/orders/:id',
    title: 'Order',
    access: 'staff',
    render: (p) => <AdminOrderDetailPage orderId={p.id!} />,
  },
  { path: '/admin/partners', title: 'Partners', access: 'staff', render: () => <AdminPartnersPage /> },
  // Before /admin/partners/:id, which would take "audit" for an id.
  { path: '/admin/partners/audit', title: 'Partner audit log', access: 'staff', render: () => <AdminPartnerAuditPage /> },
  {
    path: '/admin/partners/:id',
    title: 'Partner',
    access: 'staff',
    render: (p) => <AdminPartnerPage key={p.id} partnerId={p.id!} />,
  },
];

function findRoute(pathname: string): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Layout />
      </SessionProvider>
    </RouterProvider>
  );
}

function Layout() {
  const { pathname } = useRouter();
  const main = useRef<HTMLElement>(null);
  const found = findRoute(pathname);

  useEffect(() => {
    document.title = `${found?.route.title ?? 'Not found'} · BffPlatform Shop`;
  }, [found?.route.title]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1}>
        <Content found={found} />
      </main>
      <footer className="site-footer">
        <p>BffPlatform demo shop. Your session stays on the server; this page holds no tokens.</p>
      </footer>
    </>
  );
}

function Content({ found }: { found: ReturnType<typeof findRoute> }) {
  const { session, isStaff } = useSession();
  const { pathname, search } = useRouter();
  const signIn = loginUrl(pathname, search);

  if (!found)
    return (
      <section>
        <h1>Page not found</h1>
        <p>
          There is nothing at this address. <Link to="/">Go to the shop</Link>
        </p>
      </section>
    );
  const { route } = found;
  // The catalog stays on screen whoever asks; a session that ended while browsing says so above it.
  if (!route.access)
    return (
      <>
        {session.status === 'signedOut' && <SignedOutNotice signIn={signIn} />}
        {route.render(found.params)}
      </>
    );
  if (session.status === 'signedOut')
    return (
      <section aria-labelledby="signed-out-heading" className="signed-out">
        <h1 id="signed-out-heading">You are signed out</h1>
        <SignedOutNotice signIn={signIn} />
      </section>
    );
  // Pages behind a session wait for the probe, so a visitor never triggers their 401s.
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'anonymous')
    return (
      <section aria-labelledby="sign-in-heading" className="signed-out">
        <h1 id="sign-in-heading">{route.title}</h1>
        <p>Sign in to {route.purpose ?? 'see this page'}.</p>
        <p>
          <a href={signIn} className="button">
            Sign in
          </a>
        </p>
      </section>
    );
  if (route.access === 'staff' && !isStaff)
    return (
      <section>
        <h1>{route.title}</h1>
        <p role="alert" className="alert alert-error">
          This page is for staff only.{' '}
          {session.status !== 'signedIn' && <a href={signIn}>Sign in</a>}
        </p>
      </section>
    );
  return <>{route.render(found.params)}</>;
}

function SignedOutNotice({ signIn }: { signIn: string }) {
  return (
    <p role="alert" className="alert alert-error">
      You are signed out — <a href={signIn}>Sign in</a>
    </p>
  );
}

function Header() {
  const { session, user, isStaff } = useSession();
  const { pathname, search } = useRouter();
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          BffPlatform Shop
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <Link to="/">Shop</Link>
            </li>
            <li>
              <Link to="/cart">Cart</Link>
            </li>
            <li>
              <Link to="/orders">Orders</Link>
            </li>
            {user && (
              <>
                <li>
                  <Link to="/profile">Profile</Link>
                </li>
                <li>
                  <Link to="/sessions">Sessions</Link>
                </li>
              </>
            )}
            {isStaff && (
              <>
                <li>
                  <Link to="/admin/products">Manage products</Link>
                </li>
                <li>
                  <Link to="/admin/orders">Manage orders</Link>
                </li>
                <li>
                  <Link to="/admin/partners">Partners</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
        <div className="account">
          {session.status === 'loading' && <span className="muted">…</span>}
          {session.status === 'signedIn' && (
            <>
              <span className="user-name">{session.user.name}</span>
              <a href={session.user.logoutUrl} className="button secondary small">
                Sign out
              </a>
            </>
          )}
          {(session.status === 'anonymous' || session.status === 'signedOut' || session.status === 'unavailable') && (
            <a href={loginUrl(pathname, search)} className="button small">
              Sign in
            </a>
          )}
        </div>
      </div>
      {session.status === 'unavailable' && <ErrorAlert error={session.error} />}
    </header>
  );
}
