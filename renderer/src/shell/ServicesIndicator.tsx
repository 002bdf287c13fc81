import { summariseServices } from './serviceSummary';
import { useSupervisorStore } from '@/features/diagnostics/useSupervisorStore';
import { Icon } from '@/ui/Icon';

/** Background-service health in the header, in words (colour only repeats them); opens Diagnostics. */
export function ServicesIndicator() {
  const children = useSupervisorStore((s) => s.children);
  const { text, tone } = summariseServices(children);
  return (
    <a
      className={`services-indicator services-indicator--${tone}`}
      href="#/diagnostics"
      data-testid="services-indicator"
    >
      <Icon name="services" size={14} className="services-indicator__icon" />
      <span className="visually-hidden">Background services: </span>
      <span className="services-indicator__text">{text}</span>
      <span className="visually-hidden"> (open Diagnostics)</span>
    </a>
  );
}
