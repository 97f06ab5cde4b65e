import { useState } from 'preact/hooks';
import { ApiError, sendWithProgress } from './api';
import { Page, UploadProgress } from './form-fields';
import { useWorkspace } from './workspace';

interface ImportPlan {
  valid: boolean;
  errors: Array<{ row: number; column?: string; reason: string; message: string }>;
  rows: Array<{ row: number; productSlug: string; variant: string; action: string }>;
  summary: Record<string, number>;
}

export function ImportView() {
  const { t, base, announce, errorText, errorMessage } = useWorkspace();
  const [file, setFile] = useState<File | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [checkedFile, setCheckedFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(dryRun: boolean) {
    if (!file) return;
    setProgress(0);
    setError(null);
    setDone(false);
    try {
      const result = await sendWithProgress<{ plan: ImportPlan }>('POST', `${base}/import${dryRun ? '?dryRun=1' : ''}`, file, setProgress, 'text/csv');
      setPlan(result.plan);
      setCheckedFile(dryRun ? file : null);
      if (!dryRun) {
        setDone(true);
        announce(t('imported'));
      } else announce(result.plan.valid ? t('importOk') : t('importErrors'));
    } catch (e) {
      if (e instanceof ApiError && (e.body as { plan?: ImportPlan } | undefined)?.plan) setPlan((e.body as { plan: ImportPlan }).plan);
      else setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  }

  return (
    <Page title={t('importTitle')}>
      <p>{t('importHelp')}</p>
      <label class="button file-button" for="csv-file">
        {t('chooseCsv')}
      </label>
      <input id="csv-file" class="visually-hidden" type="file" accept=".csv,text/csv" onChange={(e) => { setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null); setPlan(null); setDone(false); }} />
      {file ? <p class="muted">{file.name}</p> : null}
      <div class="actions">
        <button type="button" class="button" disabled={!file || progress !== null} onClick={() => void send(true)}>
          {t('dryRun')}
        </button>
        {plan?.valid && checkedFile === file && !done ? (
          <button type="button" class="button primary" disabled={progress !== null} onClick={() => void send(false)}>
            {t('confirmImport')}
          </button>
        ) : null}
      </div>
      {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
      {error ? <p class="form-error" role="alert">{error}</p> : null}
      {done ? <p class="notice" role="status">{t('imported')}</p> : null}
      {plan && !plan.valid ? (
        <div class="table-wrap" role="region" aria-label={t('importErrors')} tabIndex={0}>
          <p class="form-error">{t('importErrors')}</p>
          <table class="import-errors">
            <thead>
              <tr>
                <th scope="col">{t('row')}</th>
                <th scope="col">{t('column')}</th>
                <th scope="col">{t('problem')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>{e.column ?? ''}</td>
                  <td>{errorText(e.reason, e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {plan?.valid ? (
        <div class="table-wrap" role="region" aria-label={t('importOk')} tabIndex={0}>
          <p>{t('importOk')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('row')}</th>
                <th scope="col">{t('product')}</th>
                <th scope="col">{t('variant')}</th>
                <th scope="col">{t('action')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((r, i) => (
                <tr key={i}>
                  <td>{r.row}</td>
                  <td>{r.productSlug}</td>
                  <td>{r.variant}</td>
                  <td>{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
