import type { ReactNode } from 'react';
import type { IconName } from './Icon';
import { Icon } from './Icon';

interface CalloutProps {
  tone: 'info' | 'warning' | 'error' | 'success';
  title: string;
  children?: ReactNode;
  testId?: string;
}

const ICONS: Record<CalloutProps['tone'], IconName> = {
  info: 'info',
  warning: 'warning',
  error: 'error',
  success: 'check',
};

/** A banner inside the page (not a toast): stays while its condition holds. */
export function Callout({ tone, title, children, testId }: CalloutProps) {
  return (
    <div className={`callout callout--${tone}`} data-testid={testId}>
      <Icon name={ICONS[tone]} size={20} className="callout__icon" />
      <div className="callout__body">
        <p className="callout__title">{title}</p>
        {children && <div className="callout__text">{children}</div>}
      </div>
    </div>
  );
}
