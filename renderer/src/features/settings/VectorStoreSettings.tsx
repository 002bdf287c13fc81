import type { Settings } from '@shared/settings';
import { TEXT_SETTINGS } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';
import { CommitField } from './CommitField';
import { SecretField } from './SecretField';

const BACKENDS = [
  { value: 'chroma', label: 'Chroma' },
  { value: 'pgvector', label: 'PostgreSQL' },
] as const;

export function VectorStoreSettings({ storage }: { storage: Settings['storage'] }) {
  const update = useSettingsStore((s) => s.update);
  return (
    <>
      <ChoiceSetting
        legend="Vector store"
        help="Chroma runs inside Hearth. PostgreSQL (with pgvector) is a server you run."
        value={storage.vectorBackend}
        options={BACKENDS}
        onChange={(vectorBackend) => void update({ storage: { vectorBackend } })}
        testIdPrefix="setting-vector-backend"
      />
      {storage.vectorBackend === 'pgvector' && (
        <>
          <CommitField
            label="PostgreSQL address"
            help="postgres://user@host:5432/database, without the password"
            value={storage.postgresUrl}
            validate={TEXT_SETTINGS.postgresUrl}
            onCommit={(postgresUrl) => void update({ storage: { postgresUrl } })}
            testId="setting-postgres-url"
            input={{ type: 'text', autoComplete: 'off' }}
            wide
          />
          <SecretField
            name="postgres-password"
            label="PostgreSQL password"
            help="Kept in the keychain."
            testId="setting-postgres-password"
          />
          {!storage.postgresUrl && (
            <p className="field-warning">Enter the PostgreSQL address before Hearth next starts.</p>
          )}
        </>
      )}
    </>
  );
}
