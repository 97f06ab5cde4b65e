import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from './api';
import { FormError, Page, SelectField, TextField, UploadProgress, focusFirstInvalid } from './form-fields';
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
  const [items, setItems] = useState<Product[] | null>(null);
  useEffect(() => {
    const params = new URLSearchParams({ limit: '100', ...(q ? { q } : {}), ...(status ? { status } : {}) });
    const timer = setTimeout(() => api<{ items: Product[] }>('GET', `${base}/products?${params}`).then((r) => setItems(r.items), () => setItems([])), 200);
    return () => clearTimeout(timer);
  }, [q, status, base]);
  return (
    <Page title={t('navProducts')} actions={role !== 'fulfilment' ? <a class="button primary" href="#/products/new">{t('newProduct')}</a> : null}>
      <div class="filters" role="search">
        <TextField label={t('searchProducts')} name="q" type="search" value={q} onInput={setQ} />
        <SelectField label={t('status')} name="status" value={status} onChange={setStatus} options={[{ value: '', label: t('statusAll') }, ...STATUSES.map((s) => ({ value: s, label: label(s) }))]} />
      </div>
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((p) => (
          <li key={p.id}>
            <a class="card" href={`#/products/${p.id}`} onClick={(e) => { e.preventDefault(); navigate(`#/products/${p.id}`); }}>
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

export function ProductForm({ id }: { id: string | null }) {
  const { t, label, base, navigate, setDirty, announce, errorText } = useWorkspace();
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [slug, setSlug] = useState('');
  const [category, setCategory] = useState('fresh');
  const [status, setStatus] = useState('draft');
  const [summaryZh, setSummaryZh] = useState('');
  const [variants, setVariants] = useState<VariantDraft[]>([emptyVariant()]);
  const [images, setImages] = useState<ProductImage[]>([]);
  const [altZh, setAltZh] = useState('');
  const [altEn, setAltEn] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [loaded, setLoaded] = useState(id === null);

  useEffect(() => {
    if (!id) return;
    api<{ product: Product }>('GET', `${base}/products/${id}`).then(({ product }) => {
      setTitleZh(product.title['zh-CN'] ?? '');
      setTitleEn(product.title.en ?? '');
      setSlug(product.slug);
      setCategory(product.category);
      setStatus(product.status);
      setSummaryZh(product.summary['zh-CN'] ?? '');
      setImages(product.images);
      setVariants(product.variants.map((v) => ({ id: v.id, labelZh: v.label['zh-CN'] ?? v.label.en ?? '', price: fenToYuan(v.priceMinor), unit: v.unit, unitQuantity: String(v.unitQuantity), stock: String(v.stockOnHand) })));
      setLoaded(true);
    });
  }, [id, base]);

  /** Any edit marks the form dirty. */
  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    setDirty(true);
  };

  const updateVariant = (index: number, patch: Partial<VariantDraft>) => {
    setVariants((list) => list.map((v, i) => (i === index ? { ...v, ...patch } : v)));
    setDirty(true);
  };

  async function uploadPhoto(file: File) {
    setErrors((e) => ({ ...e, alt: '', file: '' }));
    const form = new FormData();
    form.set('file', file);
    form.set('alt.zh-CN', altZh);
    form.set('alt.en', altEn);
    setProgress(0);
    try {
      const { media } = await sendWithProgress<{ media: { url: string; width: number; height: number; alt: Localized } }>('POST', `${base}/media`, form, setProgress);
      setImages((list) => [...list, { url: media.url, alt: media.alt, width: media.width, height: media.height }]);
      setAltZh('');
      setAltEn('');
      setDirty(true);
      announce(t('uploaded'));
    } catch (error) {
      if (error instanceof ApiError) setErrors((e) => ({ ...e, ...(error.field === 'alt' ? { alt: errorText(error.code, error.message) } : { file: errorText(error.code, error.message) }) }));
      focusFirstInvalid();
    } finally {
      setProgress(null);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(null);
    announce(t('saving'));
    const fields = {
      slug,
      category,
      status,
      title: { 'zh-CN': titleZh || undefined, en: titleEn || undefined },
      summary: { 'zh-CN': summaryZh || undefined },
      images,
    };
    const variantBody = (v: VariantDraft) => ({ label: { 'zh-CN': v.labelZh }, priceMinor: yuanToFen(v.price), unit: v.unit, unitQuantity: Number(v.unitQuantity) });
    try {
      if (!id) {
        const { product } = await api<{ product: Product }>('POST', `${base}/products`, { ...fields, variants: variants.map((v) => ({ ...variantBody(v), stockOnHand: Number(v.stock) })) });
        setDirty(false);
        announce(t('saved'));
        navigate(`#/products/${product.id}`);
        return;
      }
      await api('PATCH', `${base}/products/${id}`, fields);
      for (const [index, v] of variants.entries()) {
        try {
          if (v.id) await api('PATCH', `${base}/products/${id}/variants/${v.id}`, variantBody(v));
          else {
            const { variant } = await api<{ variant: Variant }>('POST', `${base}/products/${id}/variants`, { ...variantBody(v), stockOnHand: Number(v.stock) });
            updateVariant(index, { id: variant.id });
          }
        } catch (error) {
          // Variant errors point at `priceMinor`; show them on this variant's row.
          if (error instanceof ApiError) error.issues.forEach((issue) => (issue.field = `variants[${index}].${issue.field}`));
          throw error;
        }
      }
      setDirty(false);
      announce(t('saved'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors(error.fieldErrors(errorText));
      setFormError(t('fixErrors'));
      announce(t('fixErrors'));
      focusFirstInvalid();
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <p>{t('loading')}</p>;
  return (
    <Page title={id ? titleZh || titleEn : t('newProduct')}>
      <form class="form" onSubmit={save} noValidate>
        <FormError message={formError} />
        <TextField label={t('titleZh')} name="title.zh-CN" value={titleZh} onInput={edit(setTitleZh)} error={errors['title.zh-CN'] ?? errors.title} />
        <TextField label={t('titleEn')} name="title.en" value={titleEn} onInput={edit(setTitleEn)} error={errors['title.en']} />
        <TextField label={t('slug')} name="slug" value={slug} onInput={edit(setSlug)} error={errors.slug} autoComplete="off" />
        <SelectField label={t('category')} name="category" value={category} onChange={edit(setCategory)} options={CATEGORIES.map((c) => ({ value: c, label: label(c) }))} error={errors.category} />
        <SelectField label={t('status')} name="status" value={status} onChange={edit(setStatus)} options={STATUSES.map((c) => ({ value: c, label: label(c) }))} error={errors.status} />
        <TextField label={t('summaryZh')} name="summary.zh-CN" value={summaryZh} onInput={edit(setSummaryZh)} multiline rows={3} error={errors['summary.zh-CN']} />

        <fieldset>
          <legend>{t('variants')}</legend>
          {variants.map((v, index) => (
            <div class="variant" key={v.id ?? `new-${index}`}>
              <TextField label={t('variantLabel')} name={`variants[${index}].label.zh-CN`} value={v.labelZh} onInput={(value) => updateVariant(index, { labelZh: value })} error={errors[`variants[${index}].label.zh-CN`] ?? errors[`variants[${index}].label`]} />
              <div class="row">
                <TextField label={t('price')} name={`variants[${index}].priceMinor`} value={v.price} inputMode="decimal" onInput={(value) => updateVariant(index, { price: value })} error={errors[`variants[${index}].priceMinor`]} />
                <SelectField label={t('unit')} name={`variants[${index}].unit`} value={v.unit} onChange={(value) => updateVariant(index, { unit: value })} options={UNITS.map((u) => ({ value: u, label: label(u) }))} />
              </div>
              <div class="row">
                <TextField label={t('unitQuantity')} name={`variants[${index}].unitQuantity`} value={v.unitQuantity} inputMode="numeric" onInput={(value) => updateVariant(index, { unitQuantity: value })} error={errors[`variants[${index}].unitQuantity`]} />
                {v.id ? null : <TextField label={t('stock')} name={`variants[${index}].stockOnHand`} value={v.stock} inputMode="numeric" onInput={(value) => updateVariant(index, { stock: value })} error={errors[`variants[${index}].stockOnHand`]} />}
              </div>
              {!v.id && variants.length > 1 ? (
                <button type="button" class="link" onClick={() => { setVariants((list) => list.filter((_, i) => i !== index)); setDirty(true); }}>
                  {t('removeVariant')}
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" class="button" onClick={() => { setVariants((list) => [...list, emptyVariant()]); setDirty(true); }}>
            {t('addVariant')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('photos')}</legend>
          <ul class="photos">
            {images.map((image, index) => (
              <li key={image.url}>
                <img src={image.url} alt={image.alt['zh-CN'] ?? image.alt.en ?? ''} width={96} height={96} />
                <button type="button" class="link" onClick={() => { setImages((list) => list.filter((_, i) => i !== index)); setDirty(true); }}>
                  {t('removePhoto')}
                </button>
              </li>
            ))}
          </ul>
          <TextField label={t('altZh')} name="alt" value={altZh} onInput={setAltZh} error={errors.alt} />
          <TextField label={t('altEn')} name="alt.en" value={altEn} onInput={setAltEn} />
          <div class={`field${errors.file ? ' field-invalid' : ''}`}>
            <label class="button file-button" for="photo-file">
              {t('choosePhoto')}
            </label>
            <input id="photo-file" class="visually-hidden" type="file" accept="image/jpeg,image/png,image/webp" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? 'photo-file-error' : undefined} onChange={(e) => { const input = e.currentTarget as HTMLInputElement; const file = input.files?.[0]; input.value = ''; if (file) void uploadPhoto(file); }} />
            {errors.file ? <p class="field-error" id="photo-file-error">{errors.file}</p> : null}
          </div>
          {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
        </fieldset>

        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={saving || progress !== null}>
            {saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </Page>
  );
}
