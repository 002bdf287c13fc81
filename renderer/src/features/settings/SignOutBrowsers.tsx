import { useState } from 'react';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from '@/store/reportError';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { useAppInfoStore } from '@/features/home/useAppInfoStore';

/** "Sign out all browsers" of the headless server: every session cookie stops working, this browser's too. */
export function SignOutBrowsers() {
  const headless = useAppInfoStore((s) => s.info?.mode === 'headless');
  const [confirming, setConfirming] = useState(false);
  if (!headless) return null;
  const signOut = async () => {
    const api = connection.current();
    if (!api) return reportError('Could not sign browsers out', NOT_CONNECTED);
    const result = await api.sessions.signOutAll({});
    if (!result.ok) reportError('Could not sign browsers out', result.error);
  };
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setConfirming(true);
        }}
        data-testid="server-sign-out-all"
      >
        Sign out all browsers…
      </button>
      {confirming && (
        <ConfirmDialog
          title="Sign out all browsers?"
          confirmLabel="Sign out all"
          destructive
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void signOut();
          }}
        >
          <p>Every browser signed in to this Hearth, this one included, is signed out at once.</p>
          <p>To sign in again, use a new link from the terminal where Hearth runs (press Enter there).</p>
        </ConfirmDialog>
      )}
    </>
  );
}
