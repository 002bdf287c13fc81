import { Callout } from '@/ui/Callout';

/** The loud warning ARCHITECTURE.md asks for when secrets fell back to a file. */
export function KeychainWarning({ warning }: { warning: string }) {
  return (
    <Callout tone="warning" title="Secrets are not in a keychain" testId="keychain-warning">
      <p>{warning}</p>
      <p>Until then, anyone who can read files as your user can read the stored API keys and passwords.</p>
    </Callout>
  );
}
