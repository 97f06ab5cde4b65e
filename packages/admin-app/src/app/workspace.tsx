import { decimalAmount, formatMoney, minorUnitExponent } from '@terroir/core/money';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiError } from './api';
import { ENUM_LABELS, ERROR_CODES_ZH, MESSAGES, type Locale, type MessageKey } from './messages';

export type Role = 'owner' | 'editor' | 'fulfilment';

/** What every view needs: the language, the cooperative and role, navigation and the saved-state guard. */
export interface Workspace {
  locale: Locale;
  t: (key: MessageKey) => string;
  label: (value: string) => string;
  /** A server error in the UI's language: Chinese wording for known codes, else the server's message. */
  errorText: (code: string, fallback: string) => string;
  /** Any failure (API error, network) as one sentence for the screen. */
  errorMessage: (error: unknown) => string;
  /** Integer minor units as money (in the cooperative's currency unless another is named), in the UI's language. */
  money: (minor: number, currency?: string) => string;
  currency: string;
  coop: string;
  role: Role;
  /** `/admin/api/coops/<slug>` */
  base: string;
  navigate: (hash: string) => void;
  /** Views with unsaved edits call this; navigation and closing the tab then ask first. */
  setDirty: (dirty: boolean) => void;
  announce: (message: string) => void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside the workspace');
  return workspace;
}

export function translator(locale: Locale) {
  const t = (key: MessageKey) => MESSAGES[locale][key];
  const errorText = (code: string, fallback: string) => (locale === 'zh-CN' ? (ERROR_CODES_ZH[code] ?? fallback) : fallback);
  return {
    t,
    label: (value: string) => ENUM_LABELS[locale][value] ?? value,
    errorText,
    errorMessage: (error: unknown) => (error instanceof ApiError && error.status !== 0 ? errorText(error.code, error.message) : t('networkError')),
  };
}

/**
 * A price as typed ("68", "68.5", "¥68.50", "12元") to integer minor units of `currency`
 * (fen for CNY, yen for JPY); null when it is not a price in that currency's decimals.
 *
 * @example
 * yuanToFen('¥128.5') // 12850
 * yuanToFen('1200', 'JPY') // 1200
 */
export function yuanToFen(text: string, currency = 'CNY'): number | null {
  const exponent = minorUnitExponent(currency);
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '');
  if (!new RegExp(`^\\d+${exponent ? `(\\.\\d{1,${exponent}})?` : ''}$`).test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || 0);
}

/**
 * Integer minor units as the plain decimal a price field shows (`12850` → `128.50`,
 * `1200` JPY → `1200`): core's exact `decimalAmount`, no float division.
 *
 * @example
 * fenToYuan(12850) // '128.50'
 */
export const fenToYuan = (minor: number, currency = 'CNY') => decimalAmount(minor, currency);

/** A price for people, the same text as the pages, widgets and receipts (core's formatMoney). */
export { formatMoney };
