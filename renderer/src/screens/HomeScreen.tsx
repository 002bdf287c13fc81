import { ScreenHeader } from '../components/ScreenHeader';
import { useAppInfoStore } from '../store/useAppInfoStore';
import { AppInfoCard } from './home/AppInfoCard';
import { KeychainWarning } from './home/KeychainWarning';
import { NextStepsCard } from './home/NextStepsCard';
import { ServicesCard } from './home/ServicesCard';

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
