import { Card } from '@/ui/Card';
import { Icon } from '@/ui/Icon';
import { useLibraryStore } from '@/features/library/libraryStores';

const STEPS = [
  { href: '#/chat', title: 'Chat', desc: 'Ask a model that runs on this computer.' },
  { href: '#/library', title: 'Library', desc: 'Add the documents Hearth should know about.' },
  { href: '#/models', title: 'Models', desc: 'Download or import a model, choose the defaults.' },
  { href: '#/settings', title: 'Settings', desc: 'Theme, inference, fallback model, storage, API keys.' },
  { href: '#/diagnostics', title: 'Diagnostics', desc: 'Live memory and services, audit log check, connection test.' },
] as const;

/** "3 documents indexed." once the library is loaded, so Home says where things stand. */
function useLibraryLine(): string | null {
  return useLibraryStore((s) => {
    if (!s.list) return null;
    const indexed = s.list.library.indexed;
    if (indexed === 0) return 'No documents yet.';
    return `${String(indexed)} ${indexed === 1 ? 'document' : 'documents'} indexed.`;
  });
}

/** Where to go from Home. */
export function NextStepsCard() {
  const libraryLine = useLibraryLine();
  return (
    <Card title="Where to next" className="card--wide">
      <ul className="next-steps">
        {STEPS.map((step) => (
          <li key={step.href}>
            <a className="next-steps__link" href={step.href}>
              <span className="next-steps__text">
                <span className="next-steps__title">{step.title}</span>
                <span className="next-steps__desc">
                  {step.desc}
                  {step.href === '#/library' && libraryLine && (
                    <span data-testid="home-library-count"> {libraryLine}</span>
                  )}
                </span>
              </span>
              <Icon name="arrow-right" size={18} />
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
