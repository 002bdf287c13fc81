import { ScreenHeader } from '@/ui/ScreenHeader';
import { useAppInfoStore } from './useAppInfoStore';
import { AppInfoCard } from './AppInfoCard';
import { KeychainWarning } from './KeychainWarning';
import { NextStepsCard } from './NextStepsCard';
import { ServicesCard } from './ServicesCard';

export function HomeScreen() {
  const warning = useAppInfoStore((s) => s.info?.keychain.warning ?? null);
  return (
    <>
      <ScreenHeader
        title="Welcome to Hearth"
        lead="Chat with your own documents using a model that runs on this computer. Nothing leaves it unless you ask."
      />
      {warning && <KeychainWarning warning={warning} />}
      <div className="card-grid">
        <AppInfoCard />
        <ServicesCard />
        <NextStepsCard />
      </div>
    </>
  );
}
