import { useState } from 'preact/hooks';
import { ApiError, api, sendWithProgress, type FieldIssue } from './api';
import { Page, UploadProgress } from './form-fields';
import { IMPORT_FIELD_LABELS } from './messages';
import { useWorkspace } from './workspace';

interface ImportProblem {
  row: number;
  column?: string | null;
  reason: string;
  message: string;
  messageZh?: string;
  word?: string;
}

interface ImportColumn {
  index: number;
  header: string;
  field: string | null;
  confidence: number;
  source: string | null;
  samples: string[];
}

interface ImportPlan {
  valid: boolean;
  encoding?: string;
  columns?: ImportColumn[];
  productFieldConflicts?: Array<{ row: number; firstRow: number; column: string }>;
  skippedRows?: ImportProblem[];
  errors: ImportProblem[];
  rows: Array<{ row: number; productSlug: string; title?: string; variant: string; action: string }>;
  summary: Record<string, number>;
}

/** The fields a column can be read as, in the order the select lists them (most used first). */
const FIELDS = [
  'title_zh',
  'variant_zh',
  'price',
  'stock',
  'unit',
  'category',
  'season',
  'summary_zh',
  'sku',
  'title_en',
  'variant_en',
  'summary_en',
  'tags',
  'status',
  'product_slug',
  'quantity',
  'net_grams',
  'variant_status',
];

const CATEGORIES = ['fresh', 'processed', 'craft', 'experience'];
const UNITS = ['piece', 'jin', 'kg', 'g', 'box', 'bundle'];

/** What was sent with the last dry run; the import button appears only while nothing changed since. */
type Choices = { mapping: Record<string, string | null>; firstRow: boolean; skip: boolean };
const sameChoices = (a: Choices | null, b: Choices) => a !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * Spreadsheet import in three steps: choose a file (its header row is read at once), say
 * which column is which (one select per column, the suggestion preselected, sample values
 * beside it), then check (a dry run) and import. Nothing is written before "Import now".
 */
export function ImportView() {
  const { t, base, announce, errorText, errorMessage, locale, label } = useWorkspace();
  const [newWords, setNewWords] = useState<Record<string, string>>({});
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<ImportColumn[] | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [firstRow, setFirstRow] = useState(false);
  const [skip, setSkip] = useState(false);
  const [remember, setRemember] = useState(true);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [checked, setChecked] = useState<Choices | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mappingIssues, setMappingIssues] = useState<FieldIssue[]>([]);
  const fieldLabels = IMPORT_FIELD_LABELS[locale];
  const choices: Choices = { mapping, firstRow, skip };
  const problemText = (p: ImportProblem) => (locale === 'zh-CN' ? (p.messageZh ?? errorText(p.reason, p.message)) : p.message);

  async function upload(chosen: File, query: Record<string, string>) {
    return sendWithProgress<{ plan: ImportPlan }>('POST', `${base}/import?${new URLSearchParams(query).toString()}`, chosen, setProgress, 'text/csv');
  }

  async function readColumns(chosen: File) {
    setProgress(0);
    setError(null);
    try {
      const result = await upload(chosen, { dryRun: '1' }).catch((e: unknown) => {
        if (e instanceof ApiError && (e.body as { plan?: ImportPlan } | undefined)?.plan) return e.body as { plan: ImportPlan };
        throw e;
      });
      const found = result.plan.columns ?? [];
      setColumns(found);
      setMapping(Object.fromEntries(found.map((c) => [c.header, c.field])));
      if (found.length === 0) setPlan(result.plan);
      announce(t('mappingTitle'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  }

  async function send(dryRun: boolean) {
    if (!file) return;
    setProgress(0);
    setError(null);
    setMappingIssues([]);
    setDone(false);
    // Ignored columns are left out (unmapped means ignored): the mapping travels in the URL.
    const used = Object.fromEntries(Object.entries(mapping).filter(([, field]) => field !== null));
    const query: Record<string, string> = {
      mapping: JSON.stringify(used),
      productFieldConflict: firstRow ? 'first-row' : 'report',
      invalidRows: skip ? 'skip' : 'refuse',
    };
    if (dryRun) query.dryRun = '1';
    else if (remember) query.saveMapping = '1';
    try {
      const result = await upload(file, query);
      setPlan(result.plan);
      setChecked(dryRun ? choices : null);
      if (!dryRun) {
        setDone(true);
        announce(t('imported'));
      } else announce(result.plan.valid ? t('importOk') : t('importErrors'));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_mapping') {
        setPlan(null);
        setMappingIssues(e.issues);
        announce(t('mappingInvalid'));
      } else if (e instanceof ApiError && (e.body as { plan?: ImportPlan } | undefined)?.plan) setPlan((e.body as { plan: ImportPlan }).plan);
      else setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  }

  function choose(chosen: File | null) {
    setFile(chosen);
    setPlan(null);
    setChecked(null);
    setColumns(null);
    setDone(false);
    setMappingIssues([]);
    // A new file starts from the safe defaults: conflicts reported, unreadable rows refuse.
    setFirstRow(false);
    setSkip(false);
    setNewWords({});
    if (chosen) void readColumns(chosen);
  }

  // Words the file uses that no table knows yet, once each: `category:山货`, `unit:坛`.
  const unknownWords = [
    ...new Set(
      [...(plan?.errors ?? []), ...(plan?.skippedRows ?? [])]
        .filter((e) => e.word && (e.reason === 'unknown_category' || e.reason === 'unknown_unit'))
        .map((e) => `${e.reason === 'unknown_category' ? 'category' : 'unit'}:${e.word}`),
    ),
  ];

  async function saveWords() {
    setError(null);
    try {
      const current = await api<{
        importSettings: { columns: Record<string, string | null>; categoryWords: Record<string, string>; unitWords: Record<string, string> };
      }>('GET', `${base}/import/mapping`);
      const categoryWords = { ...current.importSettings.categoryWords };
      const unitWords = { ...current.importSettings.unitWords };
      for (const [key, value] of Object.entries(newWords)) {
        if (!value) continue;
        const [kind, word] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        if (kind === 'category') categoryWords[word] = value;
        else unitWords[word] = value;
      }
      await api('PUT', `${base}/import/mapping`, { columns: current.importSettings.columns, categoryWords, unitWords });
      setNewWords({});
      await send(true);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const conflicts = plan?.productFieldConflicts?.length ?? 0;
  return (
    <Page title={t('importTitle')}>
      <p>{t('importHelp')}</p>
      <label class="button file-button" for="csv-file">
        {t('chooseCsv')}
      </label>
      <input
        id="csv-file"
        class="visually-hidden"
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        onChange={(e) => choose((e.currentTarget as HTMLInputElement).files?.[0] ?? null)}
      />
      {file ? <p class="muted">{file.name}</p> : null}
      {file && !columns && progress !== null ? <p role="status">{t('readingColumns')}</p> : null}
      {columns && columns.length > 0 ? (
        <fieldset class="import-mapping">
          <legend>{t('mappingTitle')}</legend>
          <p class="muted">{t('mappingHelp')}</p>
          {columns.map((c) => {
            const id = `map-${c.index}`;
            const issue = mappingIssues.find((i) => i.field === `mapping.${c.header}`);
            return (
              <div class="field" key={c.header}>
                <label for={id}>{t('columnLabel').replace('{header}', c.header)}</label>
                <select
                  id={id}
                  aria-describedby={`${id}-samples${issue ? ` ${id}-error` : ''}`}
                  aria-invalid={issue ? 'true' : undefined}
                  value={mapping[c.header] ?? ''}
                  onChange={(e) => setMapping({ ...mapping, [c.header]: (e.currentTarget as HTMLSelectElement).value || null })}
                >
                  <option value="">{t('ignoreColumn')}</option>
                  {FIELDS.map((f) => (
                    <option value={f} key={f}>
                      {fieldLabels[f] ?? f}
                    </option>
                  ))}
                </select>
                <span class="muted" id={`${id}-samples`}>
                  {c.samples.length ? t('samples').replace('{samples}', c.samples.join(locale === 'zh-CN' ? '、' : ', ')) : t('noSamples')}
                </span>
                {issue ? (
                  <span class="field-error" id={`${id}-error`}>
                    {errorText(issue.code, issue.message)}
                  </span>
                ) : null}
              </div>
            );
          })}
          <label class="check">
            <input type="checkbox" checked={firstRow} onChange={(e) => setFirstRow((e.currentTarget as HTMLInputElement).checked)} /> {t('useFirstRow')}
          </label>
          <label class="check">
            <input type="checkbox" checked={skip} onChange={(e) => setSkip((e.currentTarget as HTMLInputElement).checked)} /> {t('skipInvalidRows')}
          </label>
          <label class="check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember((e.currentTarget as HTMLInputElement).checked)} /> {t('saveMapping')}
          </label>
        </fieldset>
      ) : null}
      <div class="actions">
        <button type="button" class="button" disabled={!file || !columns || progress !== null} onClick={() => void send(true)}>
          {t('dryRun')}
        </button>
        {plan?.valid && sameChoices(checked, choices) && !done ? (
          <button type="button" class="button primary" disabled={progress !== null} onClick={() => void send(false)}>
            {t('confirmImport')}
          </button>
        ) : null}
      </div>
      {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {mappingIssues.length > 0 ? (
        <div class="form-error" role="alert">
          <p>{t('mappingInvalid')}</p>
          <ul>
            {mappingIssues.map((i, n) => (
              <li key={n}>
                {i.field.replace(/^mapping\./, '')}: {errorText(i.code, i.message)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {done ? (
        <p class="notice" role="status">
          {t('imported')}
        </p>
      ) : null}
      {plan && conflicts > 0 && !firstRow ? <p class="notice">{t('conflictsFound').replace('{count}', String(conflicts))}</p> : null}
      {plan && !plan.valid ? (
        <div class="table-wrap" role="region" aria-label={t('importErrors')} tabIndex={0}>
          <p class="form-error">{t('importErrors')}</p>
          <ProblemTable problems={plan.errors} text={problemText} fieldLabels={fieldLabels} />
        </div>
      ) : null}
      {unknownWords.length > 0 ? (
        <fieldset class="import-words">
          <legend>{t('wordsTitle')}</legend>
          <p class="muted">{t('wordsHelp')}</p>
          {unknownWords.map((key, n) => {
            const kind = key.slice(0, key.indexOf(':'));
            const word = key.slice(key.indexOf(':') + 1);
            const id = `word-${n}`;
            return (
              <div class="field" key={key}>
                <label for={id}>{t(kind === 'category' ? 'categoryOf' : 'unitOf').replace('{word}', word)}</label>
                <select id={id} value={newWords[key] ?? ''} onChange={(e) => setNewWords({ ...newWords, [key]: (e.currentTarget as HTMLSelectElement).value })}>
                  <option value="">{t('noWord')}</option>
                  {(kind === 'category' ? CATEGORIES : UNITS).map((v) => (
                    <option value={v} key={v}>
                      {label(v)}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
          <button type="button" class="button" disabled={progress !== null || !Object.values(newWords).some(Boolean)} onClick={() => void saveWords()}>
            {t('saveWords')}
          </button>
        </fieldset>
      ) : null}
      {plan?.skippedRows?.length ? (
        <div class="table-wrap" role="region" aria-label={t('skippedRowsTitle')} tabIndex={0}>
          <p>{t('skippedRowsTitle')}</p>
          <ProblemTable problems={plan.skippedRows} text={problemText} fieldLabels={fieldLabels} className="import-skipped" />
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
                  <td>{r.title || r.productSlug}</td>
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

function ProblemTable(props: { problems: ImportProblem[]; text: (p: ImportProblem) => string; fieldLabels: Record<string, string>; className?: string }) {
  const { t } = useWorkspace();
  return (
    <table class={props.className ?? 'import-errors'}>
      <thead>
        <tr>
          <th scope="col">{t('row')}</th>
          <th scope="col">{t('column')}</th>
          <th scope="col">{t('problem')}</th>
        </tr>
      </thead>
      <tbody>
        {props.problems.map((e, i) => (
          <tr key={i}>
            <td>{e.row}</td>
            <td>{e.column ? (props.fieldLabels[e.column] ?? e.column) : ''}</td>
            <td>{props.text(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
