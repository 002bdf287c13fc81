import { useState } from 'react';
import type { Message } from '@shared/answerSchemas';
import { Icon } from '@/ui/Icon';
import { copyText } from './downloadText';
import { useConversationsStore } from './useConversationsStore';
import { useToastStore } from '@/store/useToastStore';

/** Copy any answer; regenerate the last one. */
export function AnswerActions({ message, isLast }: { message: Message; isLast: boolean }) {
  const regenerate = useConversationsStore((s) => s.regenerate);
  const busy = useConversationsStore((s) => s.turn !== null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    const ok = await copyText(message.content);
    if (!ok) {
      useToastStore.getState().push({ tone: 'error', title: 'Could not copy the answer' });
      return;
    }
    setCopied(true);
    setTimeout(() => {
      setCopied(false);
    }, 2000);
  };

  return (
    <div className="answer-actions">
      {message.content && (
        <button
          type="button"
          className="button button--small button--quiet"
          onClick={() => void copy()}
          data-testid="answer-copy"
        >
          <Icon name={copied ? 'check' : 'copy'} size={14} />
          {copied ? 'Copied' : 'Copy answer'}
        </button>
      )}
      {isLast && (
        <button
          type="button"
          className="button button--small button--quiet"
          disabled={busy}
          onClick={() => {
            regenerate();
          }}
          data-testid="answer-regenerate"
        >
          <Icon name="refresh" size={14} />
          Regenerate
        </button>
      )}
    </div>
  );
}
