import { Icon } from '@/ui/Icon';
import { SUPPORTED_TYPES_TEXT } from './formatProvenance';

/** No documents yet: what to do, and what Hearth can read. */
export function EmptyLibrary({ blocked }: { blocked: boolean }) {
  return (
    <div className="library-empty" data-testid="library-empty">
      <Icon name="document" size={32} className="library-empty__icon" />
      <p className="library-empty__title">Your library is empty</p>
      <p className="library-empty__text">
        {blocked
          ? 'Once an embedding model is installed, drop files or folders anywhere in this window, or choose Add files…'
          : 'Drop files or folders anywhere in this window, or choose Add files… Hearth reads them on this computer and finds the right passages when you chat.'}
      </p>
      <p className="library-empty__types">It reads {SUPPORTED_TYPES_TEXT}.</p>
    </div>
  );
}
