import { LOCALES, LOCALE_NAMES, setLocale, useLocale, useT, type Locale } from '../i18n/locale';
import { usePwaState } from '../pwa/pwa-state';
import { setTheme, useTheme, type ThemeChoice } from './theme';

/** Language and theme switches, and "Reload to update" when a new version is waiting. */
export function HeaderControls() {
  const t = useT();
  const locale = useLocale();
  const theme = useTheme();
  const { applyUpdate } = usePwaState();
  return (
    <div className="header-controls">
      {applyUpdate ? (
        <span className="update-notice" role="status" data-testid="update-notice">
          {t('app.updateReady')}{' '}
          <button type="button" className="button button-primary" onClick={applyUpdate} data-testid="reload-to-update">
            {t('app.reloadToUpdate')}
          </button>
        </span>
      ) : null}
      <label className="header-select">
        <span className="visually-hidden">{t('app.language')}</span>
        <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)} data-testid="language-select" aria-label={t('app.language')}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="header-select">
        <span className="visually-hidden">{t('app.theme')}</span>
        <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)} data-testid="theme-select" aria-label={t('app.theme')}>
          <option value="system">{t('app.theme.system')}</option>
          <option value="light">{t('app.theme.light')}</option>
          <option value="dark">{t('app.theme.dark')}</option>
        </select>
      </label>
    </div>
  );
}
