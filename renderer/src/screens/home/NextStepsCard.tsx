import { Card } from '../../components/Card';
import { Icon } from '../../components/Icon';

/** Where to go from Home while the library and chat screens are still to come. */
export function NextStepsCard() {
  return (
    <Card title="Where to next" className="card--wide">
      <ul className="next-steps">
        <li>
          <a className="next-steps__link" href="#/settings">
            <span className="next-steps__text">
              <span className="next-steps__title">Settings</span>
              <span className="next-steps__desc">Theme, inference threads and context, API keys and passwords.</span>
            </span>
            <Icon name="arrow-right" size={18} />
          </a>
        </li>
        <li>
          <a className="next-steps__link" href="#/diagnostics">
            <span className="next-steps__text">
              <span className="next-steps__title">Diagnostics</span>
              <span className="next-steps__desc">Live memory and services, audit log check, connection test.</span>
            </span>
            <Icon name="arrow-right" size={18} />
          </a>
        </li>
      </ul>
    </Card>
  );
}
