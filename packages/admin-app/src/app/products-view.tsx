import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from './api';
import { ACCEPT, FileField, FormError, LoadNotice, LoadState, Page, SelectField, TextField, UploadProgress, focusFirstInvalid } from './form-fields';
import { useFormState, useLoad } from './form-state';
import { fenToYuan, useWorkspace, yuanToFen } from './workspace';

interface Localized {
  'zh-CN'?: string;
  en?: string;
}
interface Variant {
  id?: string;
  label: Localized;
  priceMinor: number;
  unit: string;
  unitQuantity: number;
  stockOnHand: number;
  status?: string;
}
interface ProductImage {
  url: string;
  alt: Localized;
  width?: number;
  height?: number;
}
export interface Product {
  id: string;
  slug: string;
  category: string;
  status: string;
  title: Localized;
  summary: Localized;
  images: ProductImage[];
  variants: Variant[];
}

const CATEGORIES = ['fresh', 'processed', 'craft', 'experience'];
const STATUSES = ['draft', 'active', 'archived'];
const UNITS = ['jin', 'kg', 'g', 'piece', 'box', 'bundle'];

export function ProductList() {
  const { t, label, base, navigate, role } = useWorkspace();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  // Typing in the search box waits a moment before asking the server.
  const [query, setQuery] = useState({ q: '', status: '' });
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ q, status }), 200);
    return () => clearTimeout(timer);
  }, [q, status]);
  const list = useLoad(() => {
    const params = new URLSearchParams({ limit: '100', ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}) });
    return api<{ items: Product[] }>('GET', `${base}/products?${params}`).then((r) => r.items);
  }, [query.q, query.status, base]);
  const items = list.data;
  return (
    <Page
      title={t('navProducts')}
      actions={
        role !== 'fulfilment' ? (
          <a class="button primary" href="#/products/new">
            {t('newProduct')}
          </a>
        ) : null
      }
    >
      <div class="filters" role="search">
        <TextField label={t('searchProducts')} name="q" type="search" value={q} onInput={setQ} />
        <SelectField
          label={t('status')}
          name="status"
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('statusAll') }, ...STATUSES.map((s) => ({ value: s, label: label(s) }))]}
        />
      </div>
      <LoadNotice state={list.state} onRetry={list.retry} />
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((p) => (
          <li key={p.id}>
            <a
              class="card"
              href={`#/products/${p.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`#/products/${p.id}`);
              }}
            >
              {p.images[0] ? <img src={p.images[0].url} alt="" width={56} height={56} loading="lazy" /> : <span class="thumb" aria-hidden="true" />}
              <span class="card-text">
                <strong>{p.title['zh-CN'] ?? p.title.en}</strong>
                <span class="muted">
                  {label(p.category)} · {label(p.status)}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

interface VariantDraft {
  id?: string;
  labelZh: string;
  price: string;
  unit: string;
  unitQuantity: string;
  stock: string;
}

const emptyVariant = (): VariantDraft => ({ labelZh: '', price: '', unit: 'jin', unitQuantity: '1', stock: '0' });

interface ProductDraft {
  titleZh: string;
  titleEn: string;
  slug: string;
  category: string;
  status: string;
  summaryZh: string;
  variants: VariantDraft[];
  images: ProductImage[];
}

const newProduct = (): ProductDraft => ({
  titleZh: '',
  titleEn: '',
  slug: '',
  category: 'fresh',
  status: 'draft',
  summaryZh: '',
  variants: [emptyVariant()],
  images: [],
});

/** The product as the form edits it; prices as typed decimals in the currency's own decimals. */
function draftOf(product: Product, currency: string): ProductDraft {
  return {
    titleZh: product.title['zh-CN'] ?? '',
    titleEn: product.title.en ?? '',
    slug: product.slug,
    category: product.category,
    status: product.status,
    summaryZh: product.summary['zh-CN'] ?? '',
    images: product.images,
    variants: product.variants.map((v) => ({
      id: v.id,
      labelZh: v.label['zh-CN'] ?? v.label.en ?? '',
      price: fenToYuan(v.priceMinor, currency),
      unit: v.unit,
      unitQuantity: String(v.unitQuantity),
      stock: String(v.stockOnHand),
    })),
  };
}

export function ProductForm({ id }: { id: string | null }) {
  const { t, label, base, navigate, announce, errorText, currency } = useWorkspace();
  const form = useFormState<ProductDraft>({
    initial: newProduct(),
    load: id ? () => api<{ product: Product }>('GET', `${base}/products/${id}`).then(({ product }) => draftOf(product, currency)) : null,
    deps: [id, base],
  });
  const { values, errors, set } = form;
  const [altZh, setAltZh] = useState('');
  const [altEn, setAltEn] = useState('');
  const [progress, setProgress] = useState<number | null>(null);

  const updateVariant = (index: number, patch: Partial<VariantDraft>) =>
    form.update((v) => ({ ...v, variants: v.variants.map((x, i) => (i === index ? { ...x, ...patch } : x)) }));

  async function uploadPhoto(file: File) {
    form.setErrors((e) => ({ ...e, alt: '', file: '' }));
    const data = new FormData();
    data.set('file', file);
    data.set('alt.zh-CN', altZh);
    data.set('alt.en', altEn);
    setProgress(0);
    try {
      const { media } = await sendWithProgress<{ media: { url: string; width: number; height: number; alt: Localized } }>(
        'POST',
        `${base}/media`,
        data,
        setProgress,
      );
      form.update((v) => ({ ...v, images: [...v.images, { url: media.url, alt: media.alt, width: media.width, height: media.height }] }));
      setAltZh('');
      setAltEn('');
      announce(t('uploaded'));
    } catch (error) {
      if (error instanceof ApiError)
        form.setErrors((e) => ({
          ...e,
          ...(error.field === 'alt' ? { alt: errorText(error.code, error.message) } : { file: errorText(error.code, error.message) }),
        }));
      focusFirstInvalid();
    } finally {
      setProgress(null);
    }
  }

  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(async (draft) => {
      const fields = {
        slug: draft.slug,
        category: draft.category,
        status: draft.status,
        title: { 'zh-CN': draft.titleZh || undefined, en: draft.titleEn || undefined },
        summary: { 'zh-CN': draft.summaryZh || undefined },
        images: draft.images,
      };
      const variantBody = (v: VariantDraft) => ({
        label: { 'zh-CN': v.labelZh },
        priceMinor: yuanToFen(v.price, currency),
        unit: v.unit,
        unitQuantity: Number(v.unitQuantity),
      });
      if (!id) {
        const { product } = await api<{ product: Product }>('POST', `${base}/products`, {
          ...fields,
          variants: draft.variants.map((v) => ({ ...variantBody(v), stockOnHand: Number(v.stock) })),
        });
        // Saved: the new record's own page (the guard no longer asks, the hook cleared the edits).
        queueMicrotask(() => navigate(`#/products/${product.id}`));
        return;
      }
      await api('PATCH', `${base}/products/${id}`, fields);
      for (const [index, v] of draft.variants.entries()) {
        try {
          if (v.id) await api('PATCH', `${base}/products/${id}/variants/${v.id}`, variantBody(v));
          else {
            const { variant } = await api<{ variant: Variant }>('POST', `${base}/products/${id}/variants`, { ...variantBody(v), stockOnHand: Number(v.stock) });
            updateVariant(index, { id: variant.id });
          }
        } catch (error) {
          // Variant errors point at `priceMinor`; show them on this variant's row.
          if (error instanceof ApiError) for (const issue of error.issues) issue.field = `variants[${index}].${issue.field}`;
          throw error;
        }
      }
    });
  };

  if (form.loaded.phase !== 'ready') return <LoadState title={t('navProducts')} state={form.loaded} onRetry={form.retry} />;
  const { titleZh, titleEn, slug, category, status, summaryZh, variants, images } = values;
  return (
    <Page title={id ? titleZh || titleEn : t('newProduct')}>
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError} />
        <TextField label={t('titleZh')} name="title.zh-CN" value={titleZh} onInput={(v) => set('titleZh', v)} error={errors['title.zh-CN'] ?? errors.title} />
        <TextField label={t('titleEn')} name="title.en" value={titleEn} onInput={(v) => set('titleEn', v)} error={errors['title.en']} />
        <TextField label={t('slug')} name="slug" value={slug} onInput={(v) => set('slug', v)} error={errors.slug} autoComplete="off" />
        <SelectField
          label={t('category')}
          name="category"
          value={category}
          onChange={(v) => set('category', v)}
          options={CATEGORIES.map((c) => ({ value: c, label: label(c) }))}
          error={errors.category}
        />
        <SelectField
          label={t('status')}
          name="status"
          value={status}
          onChange={(v) => set('status', v)}
          options={STATUSES.map((c) => ({ value: c, label: label(c) }))}
          error={errors.status}
        />
        <TextField
          label={t('summaryZh')}
          name="summary.zh-CN"
          value={summaryZh}
          onInput={(v) => set('summaryZh', v)}
          multiline
          rows={3}
          error={errors['summary.zh-CN']}
        />

        <fieldset>
          <legend>{t('variants')}</legend>
          {variants.map((v, index) => (
            <div class="variant" key={v.id ?? `new-${index}`}>
              <TextField
                label={t('variantLabel')}
                name={`variants[${index}].label.zh-CN`}
                value={v.labelZh}
                onInput={(value) => updateVariant(index, { labelZh: value })}
                error={errors[`variants[${index}].label.zh-CN`] ?? errors[`variants[${index}].label`]}
              />
              <div class="row">
                <TextField
                  label={t('price')}
                  name={`variants[${index}].priceMinor`}
                  value={v.price}
                  inputMode="decimal"
                  onInput={(value) => updateVariant(index, { price: value })}
                  error={errors[`variants[${index}].priceMinor`]}
                />
                <SelectField
                  label={t('unit')}
                  name={`variants[${index}].unit`}
                  value={v.unit}
                  onChange={(value) => updateVariant(index, { unit: value })}
                  options={UNITS.map((u) => ({ value: u, label: label(u) }))}
                />
              </div>
              <div class="row">
                <TextField
                  label={t('unitQuantity')}
                  name={`variants[${index}].unitQuantity`}
                  value={v.unitQuantity}
                  inputMode="numeric"
                  onInput={(value) => updateVariant(index, { unitQuantity: value })}
                  error={errors[`variants[${index}].unitQuantity`]}
                />
                {v.id ? null : (
                  <TextField
                    label={t('stock')}
                    name={`variants[${index}].stockOnHand`}
                    value={v.stock}
                    inputMode="numeric"
                    onInput={(value) => updateVariant(index, { stock: value })}
                    error={errors[`variants[${index}].stockOnHand`]}
                  />
                )}
              </div>
              {!v.id && variants.length > 1 ? (
                <button type="button" class="link" onClick={() => form.update((d) => ({ ...d, variants: d.variants.filter((_, i) => i !== index) }))}>
                  {t('removeVariant')}
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" class="button" onClick={() => form.update((d) => ({ ...d, variants: [...d.variants, emptyVariant()] }))}>
            {t('addVariant')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('photos')}</legend>
          <ul class="photos">
            {images.map((image, index) => (
              <li key={image.url}>
                <img src={image.url} alt={image.alt['zh-CN'] ?? image.alt.en ?? ''} width={96} height={96} />
                <button type="button" class="link" onClick={() => form.update((d) => ({ ...d, images: d.images.filter((_, i) => i !== index) }))}>
                  {t('removePhoto')}
                </button>
              </li>
            ))}
          </ul>
          <TextField label={t('altZh')} name="alt" value={altZh} onInput={setAltZh} error={errors.alt} />
          <TextField label={t('altEn')} name="alt.en" value={altEn} onInput={setAltEn} />
          <FileField id="photo-file" label={t('choosePhoto')} accept={ACCEPT.image} onFile={(file) => void uploadPhoto(file)} error={errors.file} />
          {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
        </fieldset>

        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={form.saving || progress !== null}>
            {form.saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </Page>
  );
}
