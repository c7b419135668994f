import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../api/client';
import { createProduct, getProductForEdit, updateProduct } from '../api/endpoints';
import type { ProductDto } from '../api/types';
import { ErrorAlert, Loading } from '../components/Status';
import { formatAmount } from '../format';
import { Link, useRouter, useSearchParam } from '../router';

interface Draft {
  sku: string;
  name: string;
  description: string;
  category: string;
  price: string;
  currency: string;
  stock: string;
  active: boolean;
}

const emptyDraft: Draft = {
  sku: '',
  name: '',
  description: '',
  category: '',
  price: '',
  currency: 'EUR',
  stock: '0',
  active: true,
};

function draftOf(p: ProductDto): Draft {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description ?? '',
    category: p.category,
    price: formatAmount(p.price),
    currency: p.price.currency,
    stock: String(p.stock),
    active: p.active,
  };
}

type FieldErrors = Partial<Record<keyof Draft, string>>;

/** What the browser can check; core-api checks the rest (unique SKU, limits) and names fields. */
function validate(draft: Draft, creating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (creating && !draft.sku.trim()) errors.sku = 'SKU is required.';
  if (!draft.name.trim()) errors.name = 'Name is required.';
  if (!draft.category.trim()) errors.category = 'Category is required.';
  const price = Number(draft.price);
  if (draft.price.trim() === '' || !Number.isFinite(price) || price < 0) errors.price = 'Price must be a number of at least 0.';
  if (!/^[A-Za-z]{3}$/.test(draft.currency.trim())) errors.currency = 'Currency is a 3-letter code such as EUR.';
  if (!/^\d+$/.test(draft.stock.trim())) errors.stock = 'Stock must be a whole number of at least 0.';
  return errors;
}

/** Maps core-api's validation keys ("Name", "price", "Price.Amount") onto the form's fields. */
function serverFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  for (const [key, messages] of Object.entries(error.errors)) {
    const field = key.split('.')[0]!.replace(/^\$\.?/, '').toLowerCase();
    if (field in emptyDraft && messages[0]) result[field as keyof Draft] = messages[0];
  }
  return result;
}

export function AdminProductEditPage({ productId }: { productId: string | null }) {
  const creating = productId === null;
  const { navigate } = useRouter();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [etag, setEtag] = useState<string | null>(null);
  const [loading, setLoading] = useState(!creating);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [generation, setGeneration] = useState(0);
  const justCreated = useSearchParam('created') === '1';

  useEffect(() => {
    if (productId === null) return;
    const controller = new AbortController();
    setLoading(true);
    setLoadError(null);
    getProductForEdit(productId, controller.signal).then(
      ({ product, etag: tag }) => {
        setDraft(draftOf(product));
        setEtag(tag ?? `"${product.version}"`);
        setLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(error);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [productId, generation]);

  const reload = () => {
    setConflict(false);
    setSaveError(null);
    setSaved(false);
    setFieldErrors({});
    setGeneration((g) => g + 1);
  };

  const set = (field: keyof Draft) => (value: string | boolean) => setDraft((d) => ({ ...d, [field]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setSaveError(null);
    setConflict(false);
    const errors = validate(draft, creating);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const common = {
      name: draft.name.trim(),
      description: draft.description.trim() || null,
      category: draft.category.trim(),
      price: Number(draft.price),
      currency: draft.currency.trim().toUpperCase(),
      stock: Number(draft.stock),
    };
    setBusy(true);
    try {
      if (productId === null) {
        const created = await createProduct({ sku: draft.sku.trim(), ...common });
        navigate(`/admin/products/${created.product.id}?created=1`, { replace: true });
        return;
      }
      const result = await updateProduct(productId, etag ?? '', { ...common, active: draft.active });
      setDraft(draftOf(result.product));
      setEtag(result.etag ?? `"${result.product.version}"`);
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setConflict(true);
      else {
        setSaveError(error);
        setFieldErrors(serverFieldErrors(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const heading = creating ? 'New product' : `Edit product`;
  if (loading) return <Loading label="Loading product…" />;
  if (loadError !== null)
    return (
      <section>
        <h1>{heading}</h1>
        <ErrorAlert error={loadError} />
        <Link to="/admin/products">Back to products</Link>
      </section>
    );

  const field = (name: keyof Draft, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`product-${name}`}>{label}</label>
      {input}
      {fieldErrors[name] && (
        <p id={`product-${name}-error`} className="field-error">
          {fieldErrors[name]}
        </p>
      )}
    </div>
  );
  const textInput = (name: Exclude<keyof Draft, 'active'>, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`product-${name}`}
      value={draft[name]}
      onChange={(e) => set(name)(e.target.value)}
      aria-invalid={fieldErrors[name] ? true : undefined}
      aria-describedby={fieldErrors[name] ? `product-${name}-error` : undefined}
      {...props}
    />
  );

  return (
    <section aria-labelledby="product-edit-heading">
      <p>
        <Link to="/admin/products">← Products</Link>
      </p>
      <h1 id="product-edit-heading">{heading}</h1>
      {conflict && (
        <div role="alert" className="alert alert-error">
          <p className="alert-title">Someone else saved this product first.</p>
          <p>Reload to see their changes, then make yours again.</p>
          <button type="button" onClick={reload}>
            Reload the latest version
          </button>
        </div>
      )}
      {saveError !== null && <ErrorAlert error={saveError} />}
      {Object.keys(fieldErrors).length > 0 && saveError === null && (
        <p role="alert" className="alert alert-error">
          Please correct the highlighted fields.
        </p>
      )}
      {justCreated && !saved && (
        <p role="status" className="alert alert-success">
          Product created.
        </p>
      )}
      {saved && (
        <p role="status" className="alert alert-success">
          Saved.
        </p>
      )}
      <form className="form card" onSubmit={onSubmit} noValidate>
        {field('sku', 'SKU', textInput('sku', { readOnly: !creating, maxLength: 64, autoComplete: 'off' }))}
        {field('name', 'Name', textInput('name', { maxLength: 200 }))}
        {field(
          'description',
          'Description',
          <textarea
            id="product-description"
            rows={4}
            maxLength={4000}
            value={draft.description}
            onChange={(e) => set('description')(e.target.value)}
          />,
        )}
        {field('category', 'Category', textInput('category', { maxLength: 100 }))}
        <div className="field-row">
          {field('price', 'Price', textInput('price', { inputMode: 'decimal' }))}
          {field('currency', 'Currency', textInput('currency', { maxLength: 3, autoComplete: 'off' }))}
          {field('stock', 'Stock', textInput('stock', { inputMode: 'numeric' }))}
        </div>
        {!creating && (
          <div className="field field-checkbox">
            <input
              id="product-active"
              type="checkbox"
              checked={draft.active}
              onChange={(e) => set('active')(e.target.checked)}
            />
            <label htmlFor="product-active">Active (shown in the shop)</label>
          </div>
        )}
        <button type="submit" disabled={busy || conflict}>
          {busy ? 'Saving…' : creating ? 'Create product' : 'Save changes'}
        </button>
      </form>
    </section>
  );
}
