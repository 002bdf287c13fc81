import type { ChildStatus } from '@shared/schemas';
import { processName } from './processName';
import { StateBadge } from './StateBadge';

interface ChildrenTableProps {
  services: ChildStatus[];
  caption: string;
  /** Shows restarts and the last error too (Diagnostics); Home keeps it short. */
  detailed?: boolean;
}

/** Background services as a table; scrolls sideways on narrow screens (and is then keyboard-scrollable). */
export function ChildrenTable({ services, caption, detailed = false }: ChildrenTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Helper program</th>
            <th scope="col">State</th>
            <th scope="col">Process ID</th>
            {detailed && <th scope="col">Restarts</th>}
            {detailed && <th scope="col">Last problem</th>}
          </tr>
        </thead>
        <tbody>
          {services.map((child) => (
            <tr key={child.name} data-testid={`child-row-${child.name}`}>
              <th scope="row">
                {processName(child.name)}
                {/* The supervisor's name, for support and the log. */}
                {processName(child.name) !== child.name && <span className="table__detail mono"> {child.name}</span>}
              </th>
              <td>
                <StateBadge state={child.state} />
              </td>
              <td className="numeric">{child.pid ?? '—'}</td>
              {detailed && <td className="numeric">{child.restarts}</td>}
              {detailed && <td className="table__error">{child.lastError ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
