import type { KeyboardEvent } from 'react';
import { useId, useRef, useState } from 'react';
import { Icon } from '@/ui/Icon';
import { MOD_LABEL } from '@/lib/platformKeys';
import { useSettingsStore } from '@/features/settings/useSettingsStore';
import { useConversationsStore } from './useConversationsStore';

/** The contract's limit on a question. */
const MAX_LENGTH = 8000;

/**
 * The question box: Enter sends and Shift+Enter adds a line (or, with the "send with" setting, ⌘/Ctrl+Enter sends
 * and Enter adds a line); ⌘/Ctrl+Enter always sends. Esc stops an answer being written.
 */
export function Composer({ disabled = false }: { disabled?: boolean }) {
  const id = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const ask = useConversationsStore((s) => s.ask);
  const stop = useConversationsStore((s) => s.stop);
  const streaming = useConversationsStore((s) => s.turn !== null);
  const enterSends = useSettingsStore((s) => (s.settings?.appearance.sendWith ?? 'enter') === 'enter');
  const [draft, setDraft] = useState('');
  const tooLong = draft.length > MAX_LENGTH;

  const submit = () => {
    if (tooLong || disabled) return;
    if (ask(draft)) setDraft('');
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // An input method composing a word uses Enter to accept it.
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      const mod = event.metaKey || event.ctrlKey;
      if (!mod && (event.shiftKey || event.altKey || !enterSends)) return;
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      stop();
    }
  };

  return (
    <form
      className="composer"
      aria-label="Ask a question"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Question
      </label>
      <textarea
        ref={inputRef}
        id={`${id}-input`}
        className="composer__input"
        rows={2}
        value={draft}
        placeholder="Ask your documents…"
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-hint${tooLong ? ` ${id}-error` : ''}`}
        data-testid="chat-input"
      />
      <div className="composer__bar">
        <p id={`${id}-hint`} className="composer__hint">
          {enterSends ? 'Enter to send · Shift+Enter for a new line' : `${MOD_LABEL}+Enter to send`}
          {streaming ? ' · Esc to stop' : ''}
        </p>
        {tooLong && (
          <p id={`${id}-error`} className="field-error">
            Use at most 8,000 characters.
          </p>
        )}
        <div className="composer__actions">
          {streaming && (
            <button
              type="button"
              className="button"
              onClick={() => {
                stop();
                inputRef.current?.focus();
              }}
              data-testid="chat-stop"
            >
              <Icon name="stop" size={14} />
              Stop
            </button>
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={disabled || streaming || !draft.trim() || tooLong}
            data-testid="chat-send"
          >
            <Icon name="send" size={14} />
            Send
          </button>
        </div>
      </div>
    </form>
  );
}
