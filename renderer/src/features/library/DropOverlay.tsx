import { Icon } from '@/ui/Icon';
import { SUPPORTED_TYPES_TEXT } from './formatProvenance';

/**
 * Shown over the whole window while files are dragged over it. Purely visual (no pointer events, hidden from
 * assistive tech): the window itself takes the drop, and the Add files button does the same from the keyboard.
 */
export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-overlay__panel">
        <Icon name="upload" size={36} className="drop-overlay__icon" />
        <p className="drop-overlay__title">Drop to add to your library</p>
        <p className="drop-overlay__text">Files and folders: {SUPPORTED_TYPES_TEXT}.</p>
      </div>
    </div>
  );
}
