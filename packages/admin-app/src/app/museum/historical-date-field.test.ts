import { historicalDateSchema, type HistoricalDate } from '@terroir/core/museum';
import { describe, expect, it } from 'vitest';
import { dateDraftOf, dateFromDraft, emptyDateDraft } from './historical-date-field';
import { MUSEUM_TEXT, type MuseumKey } from './museum-text';

const m = (key: MuseumKey) => MUSEUM_TEXT['zh-CN'][key];

describe('the date field’s draft ⇄ HistoricalDate', () => {
  const dates: HistoricalDate[] = [
    { precision: 'day', year: 1935, month: 6, day: 1 },
    { precision: 'month', year: -206, month: 2 },
    { precision: 'year', year: 1900, circa: true },
    { precision: 'range', fromYear: 1958, toYear: 1962 },
    { precision: 'decade', decade: 1930 },
    { precision: 'century', century: -3 },
    { precision: 'period', period: 'ming', circa: true, label: { 'zh-CN': '明代中叶' } },
  ];
  it.each(dates)('round-trips %j, and core accepts what the form sends', (date) => {
    const back = dateFromDraft(dateDraftOf(date), 'date', m);
    expect(back).toEqual({ date, errors: {} });
    expect(historicalDateSchema.safeParse(back.date).success).toBe(true);
  });

  it('catches what core would refuse, under the field names the server uses', () => {
    const draft = emptyDateDraft('day');
    expect(dateFromDraft({ ...draft, year: '1935', month: '2', day: '29' }, 'born', m).errors).toEqual({ 'born.day': m('needDay') });
    expect(dateFromDraft({ ...draft, year: '1936', month: '2', day: '29' }, 'born', m).errors).toEqual({});
    expect(dateFromDraft({ ...emptyDateDraft('year'), year: '0' }, 'date', m).errors).toEqual({ 'date.year': m('needYear') });
    expect(dateFromDraft({ ...emptyDateDraft('decade'), decade: '1935' }, 'date', m).errors).toEqual({ 'date.decade': m('needDecade') });
    expect(dateFromDraft({ ...emptyDateDraft('range'), fromYear: '1962', toYear: '1958' }, 'date', m).errors).toEqual({ 'date.toYear': m('rangeBackwards') });
    expect(historicalDateSchema.safeParse({ precision: 'day', year: 1935, month: 2, day: 29 }).success).toBe(false);
  });

  it('reads digits typed on a Chinese keyboard', () => {
    expect(dateFromDraft({ ...emptyDateDraft('year'), year: '－２０６' }, 'date', m)).toEqual({ date: { precision: 'year', year: -206 }, errors: {} });
  });

  it('treats “not given” as no date (an optional life date)', () => {
    expect(dateFromDraft(dateDraftOf(null), 'died', m)).toEqual({ date: null, errors: {} });
  });
});
