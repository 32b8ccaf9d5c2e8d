import { useEffect, useState } from 'react';

/** `system` follows the OS; the other two override it. Kept in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'mcpscope.theme';

function apply(choice: ThemeChoice): void {
  const dark =
    choice === 'dark' ||
    (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
}

/** The theme choice and a setter; applies it to <html> and follows OS changes in `system`. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(
    () => (localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system',
  );
  useEffect(() => {
    apply(choice);
    localStorage.setItem(KEY, choice);
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = (): void => apply(choice);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [choice]);
  return [choice, setChoice];
}
