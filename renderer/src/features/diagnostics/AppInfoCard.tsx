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
            <dt>Mode</dt>
            <dd data-testid="app-mode">{info.mode === 'desktop' ? 'Desktop app' : 'Headless server'}</dd>
          </div>
          <div className="facts__row">
            <dt>Data folder</dt>
            <dd className="path" data-testid="app-data-dir">
              {info.dataDir}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Secrets</dt>
            <dd data-testid="app-keychain">
              {info.keychain.backend === 'keychain' ? 'System keychain' : 'File (insecure fallback)'}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Platform</dt>
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
