import { useEffect, useId, useRef, useState } from 'react';
import { copyText } from '@/features/chat/downloadText';
import { Callout } from '@/ui/Callout';
import type { NewKey } from './useGatewayStore';
import { useGatewayStore } from './useGatewayStore';

/**
 * The new key, once: selectable and copyable until "Done", after which only its first characters are ever shown.
 * Focus moves to it so a keyboard or screen-reader user meets it first.
 */
export function NewKeyNotice({ created, onDone }: { created: NewKey; onDone: () => void }) {
  const dismiss = useGatewayStore((s) => s.dismiss);
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState('');

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [created.secret]);

  const copy = async () => {
    setCopied((await copyText(created.secret)) ? 'Copied.' : 'Could not copy: select the key and copy it yourself.');
  };

  return (
    <Callout tone="success" title={`Key “${created.key.name}” created`} testId="gateway-new-key">
      <p>
        <strong>Copy it now: you won’t see it again.</strong> Hearth keeps only a fingerprint of it.
        {created.previousExpiresAt &&
          ` The key it replaces works until ${new Date(created.previousExpiresAt).toLocaleString()}.`}
      </p>
      <div className="new-key">
        <label htmlFor={`${id}-key`} className="visually-hidden">
          New API key
        </label>
        <input
          ref={field}
          id={`${id}-key`}
          className="text-input new-key__value"
          readOnly
          value={created.secret}
          spellCheck={false}
          data-testid="gateway-new-key-value"
        />
        <button type="button" className="button" onClick={() => void copy()} data-testid="gateway-new-key-copy">
          Copy
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            dismiss();
            onDone();
          }}
          data-testid="gateway-new-key-done"
        >
          Done
        </button>
      </div>
      <p role="status" className="new-key__status">
        {copied}
      </p>
    </Callout>
  );
}
