import { useEffect } from 'react';
import { useSettingsStore } from '@/features/settings/useSettingsStore';

/** Remembered between starts so a forced theme applies before the settings arrive (no flash). */
export const THEME_STORAGE_KEY = 'hearth.theme';

/** Applies Settings → Appearance: `data-theme` on <html> forces a theme; without it CSS follows the system. */
export function applyTheme(theme: string | null): void {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  else delete root.dataset.theme;
}

export function useThemeEffect(): void {
  const theme = useSettingsStore((s) => s.settings?.appearance.theme ?? null);
  useEffect(() => {
    if (theme === null) return;
    applyTheme(theme);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Storage can be unavailable (private browsing); the theme still applies for this session.
    }
  }, [theme]);
}
