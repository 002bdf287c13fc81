import { Card } from '@/ui/Card';
import { useNoticesStore } from './useNoticesStore';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Messages the core pushed since this page opened (`core.notice`). */
export function NoticesCard() {
  const notices = useNoticesStore((s) => s.notices);
  return (
    <Card title="Recent messages" testId="notices-card">
      {notices.length === 0 ? (
        <p className="empty">No messages from Hearth since this page opened.</p>
      ) : (
        <ul className="notice-list">
          {notices.map((notice) => (
            <li key={notice.id} className={`notice-list__item notice-list__item--${notice.level}`}>
              <span className="notice-list__level">{notice.level}</span>
              <span className="notice-list__message">{notice.message}</span>
              <time className="notice-list__time" dateTime={new Date(notice.at).toISOString()}>
                {time.format(notice.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
