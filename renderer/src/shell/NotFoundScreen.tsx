import { ScreenHeader } from '@/ui/ScreenHeader';

export function NotFoundScreen() {
  return (
    <>
      <ScreenHeader title="Page not found" lead="This address does not match a screen in Hearth." />
      <p>
        <a href="#/">Go to Home</a>
      </p>
    </>
  );
}
