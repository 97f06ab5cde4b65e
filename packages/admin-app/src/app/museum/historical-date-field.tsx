import { formatHistoricalDate, HISTORICAL_PERIODS, type HistoricalDate } from '@terroir/core/historical-date';
import { asciiDigits } from '../ascii-digits';
import { useWorkspace } from '../workspace';
import { useDateFieldText, type DateFieldKey } from './date-field-text';

export { DATE_FIELD_TEXT } from './date-field-text';

/*
 * The museum's date field, also the story form's (which loads it as a chunk of its own). It
 * imports nothing of the museum screens and, of the app's entry, only the workspace: importing
 * the entry's form fields as well made the bundler split the entry in two. So it draws its own
 * label/input pairs, with the same markup as form-fields' TextField and SelectField.
 */

function DateBox(props: { label: string; name: string; value: string; onInput: (value: string) => void; error?: string | undefined; numeric?: boolean }) {
  const id = `field-${props.name.replace(/[^\w-]/g, '-')}`;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        value={props.value}
        type="text"
        inputMode={props.numeric ? 'numeric' : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function DateChoice(props: {
  label: string;
  name: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const id = `field-${props.name.replace(/[^\w-]/g, '-')}`;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(event) => props.onChange((event.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export const PRECISIONS = ['period', 'century', 'decade', 'range', 'year', 'month', 'day'] as const;
type Precision = (typeof PRECISIONS)[number];

/** A historical date as the form holds it: every field a string, so half-typed years stay as typed. */
export interface DateDraft {
  /** '' is "not given" (an optional date, such as a death date). */
  precision: Precision | '';
  year: string;
  month: string;
  day: string;
  fromYear: string;
  toYear: string;
  decade: string;
  century: string;
  period: string;
  circa: boolean;
  labelZh: string;
  labelEn: string;
}

/**
 * An empty date draft (a year, nothing typed).
 *
 * @example
 * const draft = emptyDateDraft('period'); // { precision: 'period', period: 'qing', … }
 */
export const emptyDateDraft = (precision: Precision | '' = 'year'): DateDraft => ({
  precision,
  year: '',
  month: '',
  day: '',
  fromYear: '',
  toYear: '',
  decade: '',
  century: '',
  period: 'qing',
  circa: false,
  labelZh: '',
  labelEn: '',
});

/**
 * A stored date as the form's draft.
 *
 * @example
 * dateDraftOf({ precision: 'decade', decade: 1930 }).decade // '1930'
 */
export function dateDraftOf(date: HistoricalDate | null): DateDraft {
  if (!date) return emptyDateDraft('');
  const d = emptyDateDraft(date.precision);
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    ...d,
    year: s('year' in date ? date.year : undefined),
    month: s('month' in date ? date.month : undefined),
    day: s(date.precision === 'day' ? date.day : undefined),
    fromYear: s(date.precision === 'range' ? date.fromYear : undefined),
    toYear: s(date.precision === 'range' ? date.toYear : undefined),
    decade: s(date.precision === 'decade' ? date.decade : undefined),
    century: s(date.precision === 'century' ? date.century : undefined),
    period: date.precision === 'period' ? date.period : d.period,
    circa: date.circa ?? false,
    labelZh: date.label?.['zh-CN'] ?? '',
    labelEn: date.label?.en ?? '',
  };
}

const whole = (typed: string): number | null => {
  const text = asciiDigits(typed);
  return /^-?\d{1,4}$/.test(text) ? Number(text) : null;
};

/**
 * The draft as the API's `HistoricalDate`, with the cheap checks done here (a year that is not a
 * whole number, a decade not ending in 0, a range ending before it starts). Errors are keyed
 * by the same field names the server uses under `prefix` (`date.year`), so both show alike.
 *
 * @example
 * dateFromDraft({ ...emptyDateDraft('year'), year: '1935', circa: true }, 'date') // { date: { precision: 'year', year: 1935, circa: true }, errors: {} }
 */
export function dateFromDraft(
  d: DateDraft,
  prefix: string,
  text: (key: DateFieldKey) => string,
): { date: HistoricalDate | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const year = (field: 'year' | 'fromYear' | 'toYear' | 'decade') => {
    const n = whole(d[field]);
    if (n === null || n === 0) errors[`${prefix}.${field}`] = text(field === 'decade' ? 'needDecade' : 'needYear');
    return n ?? 0;
  };
  const common = {
    ...(d.circa ? { circa: true } : {}),
    ...(d.labelZh.trim() || d.labelEn.trim()
      ? { label: { ...(d.labelZh.trim() ? { 'zh-CN': d.labelZh.trim() } : {}), ...(d.labelEn.trim() ? { en: d.labelEn.trim() } : {}) } }
      : {}),
  };
  let date: HistoricalDate;
  switch (d.precision) {
    case '':
      return { date: null, errors };
    case 'day':
    case 'month': {
      const y = year('year');
      const month = whole(d.month);
      if (month === null || month < 1 || month > 12) errors[`${prefix}.month`] = text('needMonth');
      if (d.precision === 'month') {
        date = { precision: 'month', year: y, month: month ?? 1, ...common };
        break;
      }
      const day = whole(d.day);
      const days = month && month >= 1 && month <= 12 ? new Date(Date.UTC(2000 + (y > 0 && isLeap(y) ? 0 : 1), month, 0)).getUTCDate() : 31;
      if (day === null || day < 1 || day > days) errors[`${prefix}.day`] = text('needDay');
      date = { precision: 'day', year: y, month: month ?? 1, day: day ?? 1, ...common };
      break;
    }
    case 'year':
      date = { precision: 'year', year: year('year'), ...common };
      break;
    case 'range': {
      const fromYear = year('fromYear');
      const toYear = year('toYear');
      if (!errors[`${prefix}.toYear`] && !errors[`${prefix}.fromYear`] && fromYear > toYear) errors[`${prefix}.toYear`] = text('rangeBackwards');
      date = { precision: 'range', fromYear, toYear, ...common };
      break;
    }
    case 'decade': {
      const decade = year('decade');
      if (decade % 10 !== 0) errors[`${prefix}.decade`] = text('needDecade');
      date = { precision: 'decade', decade, ...common };
      break;
    }
    case 'century': {
      const century = whole(d.century);
      if (century === null || century === 0 || century < -50 || century > 99) errors[`${prefix}.century`] = text('needCentury');
      date = { precision: 'century', century: century ?? 1, ...common };
      break;
    }
    case 'period':
      date = { precision: 'period', period: d.period as Extract<HistoricalDate, { precision: 'period' }>['period'], ...common };
      break;
  }
  return { date: Object.keys(errors).length ? null : date, errors };
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The date of a chronicle entry or a life: precision first, then only the boxes that precision
 * needs, "circa", the free-text label, and the date as visitors will read it.
 *
 * @example
 * <HistoricalDateField legend={m('date')} name="date" value={draft} onChange={(d) => set('date', d)} errors={form.errors} />
 */
export function HistoricalDateField(props: {
  legend: string;
  name: string;
  value: DateDraft;
  onChange: (value: DateDraft) => void;
  errors: Record<string, string>;
  /** Offers "not given" (an optional date). */
  optional?: boolean;
}) {
  const { locale } = useWorkspace();
  const m = useDateFieldText();
  const { value: d, name, errors } = props;
  const set = (patch: Partial<DateDraft>) => props.onChange({ ...d, ...patch });
  const err = (field: string) => errors[`${name}.${field}`];
  const num = (field: 'year' | 'month' | 'day' | 'fromYear' | 'toYear' | 'decade' | 'century', key: DateFieldKey) => (
    <DateBox label={m(key)} name={`${name}.${field}`} value={d[field]} onInput={(v) => set({ [field]: v })} numeric error={err(field)} />
  );
  const preview = dateFromDraft(d, name, m).date;
  return (
    <fieldset class={`date-field${errors[name] ? ' field-invalid' : ''}`}>
      <legend>{props.legend}</legend>
      {errors[name] ? <p class="field-error">{errors[name]}</p> : null}
      <DateChoice
        label={m('precision')}
        name={`${name}.precision`}
        value={d.precision}
        onChange={(v) => set({ precision: v as Precision })}
        options={[
          ...(props.optional ? [{ value: '', label: m('noDate') }] : []),
          ...PRECISIONS.map((p) => ({ value: p, label: m(`precision_${p}` as DateFieldKey) })),
        ]}
        error={err('precision')}
      />
      {d.precision === 'period' ? (
        <DateChoice
          label={m('period')}
          name={`${name}.period`}
          value={d.period}
          onChange={(v) => set({ period: v })}
          options={HISTORICAL_PERIODS.map((p) => ({
            value: p.id,
            label: `${p.name[locale]}（${p.from < 0 ? (locale === 'zh-CN' ? `前${-p.from}` : `${-p.from} BCE`) : p.from}–${p.to ?? (locale === 'zh-CN' ? '今' : 'today')}）`,
          }))}
          error={err('period')}
        />
      ) : null}
      {d.precision === 'century' ? num('century', 'century') : null}
      {d.precision === 'decade' ? num('decade', 'decade') : null}
      {d.precision === 'range' ? (
        <div class="row">
          {num('fromYear', 'fromYear')}
          {num('toYear', 'toYear')}
        </div>
      ) : null}
      {d.precision === 'year' || d.precision === 'month' || d.precision === 'day' ? num('year', 'year') : null}
      {d.precision === 'month' || d.precision === 'day' ? (
        <div class="row">
          {num('month', 'month')}
          {d.precision === 'day' ? num('day', 'day') : null}
        </div>
      ) : null}
      {d.precision === '' ? null : (
        <>
          <label class="check">
            <input
              type="checkbox"
              id={`field-${name}-circa`}
              name={`${name}.circa`}
              checked={d.circa}
              onChange={(e) => set({ circa: (e.currentTarget as HTMLInputElement).checked })}
            />
            <span>{m('circa')}</span>
          </label>
          <DateBox label={m('dateLabelZh')} name={`${name}.label.zh-CN`} value={d.labelZh} onInput={(v) => set({ labelZh: v })} error={err('label.zh-CN')} />
          <DateBox label={m('dateLabelEn')} name={`${name}.label.en`} value={d.labelEn} onInput={(v) => set({ labelEn: v })} error={err('label.en')} />
          {preview ? (
            <p class="muted" data-date-preview>
              {m('datePreview')}
              {formatHistoricalDate(preview, locale)}
            </p>
          ) : null}
        </>
      )}
    </fieldset>
  );
}
