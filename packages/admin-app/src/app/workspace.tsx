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
