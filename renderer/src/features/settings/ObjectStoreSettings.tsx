import type { Settings } from '@shared/settings';
import { TEXT_SETTINGS } from './settingFields';
import { useSettingsStore } from './useSettingsStore';
import { ChoiceSetting } from './ChoiceSetting';
import { CommitField } from './CommitField';
import { SecretField } from './SecretField';

const BACKENDS = [
  { value: 'bundled', label: 'Bundled MinIO' },
  { value: 'external', label: 'External S3' },
] as const;

type Storage = Settings['storage'];
type TextKey = 's3Endpoint' | 's3Region' | 's3Bucket' | 's3AccessKeyId';

export function ObjectStoreSettings({ storage }: { storage: Storage }) {
  const update = useSettingsStore((s) => s.update);
  const field = (key: TextKey, label: string, help: string, testId: string, wide = false) => (
    <CommitField
      label={label}
      help={help}
      value={storage[key]}
      validate={TEXT_SETTINGS[key]}
      onCommit={(text) => void update({ storage: { [key]: text } })}
      testId={testId}
      input={{ type: key === 's3Endpoint' ? 'url' : 'text', autoComplete: 'off' }}
      wide={wide}
    />
  );
  return (
    <>
      <ChoiceSetting
        legend="Original files"
        help="Bundled MinIO runs inside Hearth. External S3 is any S3-compatible service of yours."
        value={storage.objectBackend}
        options={BACKENDS}
        onChange={(objectBackend) => void update({ storage: { objectBackend } })}
        testIdPrefix="setting-object-backend"
      />
      {storage.objectBackend === 'external' && (
        <>
          {field('s3Endpoint', 'Endpoint', 'Such as https://s3.eu-west-1.amazonaws.com', 'setting-s3-endpoint', true)}
          {field('s3Region', 'Region', 'Such as us-east-1', 'setting-s3-region')}
          {field('s3Bucket', 'Bucket', '3–63 lowercase letters, digits, dots or dashes', 'setting-s3-bucket')}
          {field('s3AccessKeyId', 'Access key ID', 'The public half of the key pair', 'setting-s3-access-key')}
          <SecretField
            name="s3-secret-key"
            label="Secret access key"
            help="Kept in the keychain."
            testId="setting-s3-secret-key"
          />
          {!storage.s3Endpoint && (
            <p className="field-warning">
              Enter the endpoint first: the secret key is used only for the address it was saved for.
            </p>
          )}
        </>
      )}
    </>
  );
}
