import { Card } from '@/ui/Card';
import { useAppInfoStore } from '@/features/home/useAppInfoStore';

/** Version, mode, data folder and where secrets live. */
export function AppInfoCard() {
  const info = useAppInfoStore((s) => s.info);
  return (
    <Card title="About this Hearth" testId="app-info-card">
      {info ? (
        <dl className="facts">
          <div className="facts__row">
            <dt>Version</dt>
            <dd data-testid="app-version">{info.version}</dd>
          </div>
          <div className="facts__row">
            <dt>Runs as</dt>
            <dd data-testid="app-mode">
              {info.mode === 'desktop' ? 'Desktop app' : 'A server for web browsers'}
              {info.mode !== 'desktop' && <span className="muted"> (headless)</span>}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Data folder</dt>
            <dd className="path" data-testid="app-data-dir">
              {info.dataDir}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Passwords and keys kept in</dt>
            <dd data-testid="app-keychain">
              {info.keychain.backend === 'keychain'
                ? 'The system keychain'
                : 'A file in the data folder (less safe: this computer has no keychain)'}
            </dd>
          </div>
          <div className="facts__row">
            <dt>System</dt>
            <dd>
              {info.platform} {info.arch} · Node {info.nodeVersion}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Card>
  );
}
