import { ScreenHeader } from '@/ui/ScreenHeader';
import { useAppInfoStore } from './useAppInfoStore';
import { KeychainWarning } from './KeychainWarning';
import { NextStepsCard } from './NextStepsCard';
import { SetupChecklist } from './SetupChecklist';
import { useConversationsLive } from './useConversationsLive';
import { useSetupSteps } from './useSetupSteps';

/** A new library opens on the setup checklist; once every step is done, on where to go next. */
export function HomeScreen() {
  useConversationsLive();
  const warning = useAppInfoStore((s) => s.info?.keychain.warning ?? null);
  const { steps, complete } = useSetupSteps();
  return (
    <>
      <ScreenHeader
        title="Welcome to Hearth"
        lead="Chat with your own documents using a model that runs on this computer. Nothing leaves it unless you ask."
      />
      {warning && <KeychainWarning warning={warning} />}
      <div className="card-grid">
        {steps === null && <p className="muted">Loading…</p>}
        {steps !== null && !complete && <SetupChecklist steps={steps} />}
        {complete && <NextStepsCard />}
      </div>
    </>
  );
}
