import type { Toast } from '@/store/useToastStore';
import { useToastStore } from '@/store/useToastStore';
import type { IconName } from '@/ui/Icon';
import { Icon } from '@/ui/Icon';

const ICONS: Record<Toast['tone'], IconName> = { info: 'info', success: 'check', warning: 'warning', error: 'error' };

/** Errors are announced as alerts; everything else politely. */
export function ToastRegion() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <section className="toast-region" aria-label="Notifications">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <Icon name={ICONS[toast.tone]} size={18} className="toast__icon" />
          <div className="toast__body">
            <p className="toast__title">{toast.title}</p>
            {toast.message && <p className="toast__message">{toast.message}</p>}
            {toast.hint && <p className="toast__hint">{toast.hint}</p>}
          </div>
          <button
            type="button"
            className="icon-button toast__close"
            aria-label="Dismiss notification"
            onClick={() => {
              dismiss(toast.id);
            }}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </section>
  );
}
