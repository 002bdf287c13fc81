import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';

const STEPS = [
  { href: '#/chat', title: 'Chat', desc: 'Ask a model that runs on this computer.' },
  { href: '#/models', title: 'Models', desc: 'Download or import a model, choose the defaults.' },
  { href: '#/settings', title: 'Settings', desc: 'Theme, inference, fallback model, storage, API keys.' },
  { href: '#/diagnostics', title: 'Diagnostics', desc: 'Live memory and services, audit log check, connection test.' },
] as const;

/** Where to go from Home. */
export function NextStepsCard() {
  return (
    <Card title="Where to next" className="card--wide">
      <ul className="next-steps">
        {STEPS.map((step) => (
          <li key={step.href}>
            <a className="next-steps__link" href={step.href}>
              <span className="next-steps__text">
                <span className="next-steps__title">{step.title}</span>
                <span className="next-steps__desc">{step.desc}</span>
              </span>
              <Icon name="arrow-right" size={18} />
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
