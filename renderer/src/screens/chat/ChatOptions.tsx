import { useEffect, useId, useRef, useState } from 'react';
import { ChatOptionsSchema } from '../../../../electron/shared/runtimeSchemas';
import { Icon } from '../../components/Icon';
import { DEFAULT_CHAT_OPTIONS, useChatStore } from '../../store/useChatStore';
import { OptionField } from './OptionField';

const { temperature, topP, maxTokens } = ChatOptionsSchema.shape;
/** Bounds come from the contract, so this form and the core never disagree. */
const bounds = (schema: { unwrap: () => { minValue: number | null; maxValue: number | null } }) => ({
  min: schema.unwrap().minValue ?? 0,
  max: schema.unwrap().maxValue ?? Number.MAX_SAFE_INTEGER,
});

/** A non-modal popover: the button says whether it is open; Esc or a click outside closes it. */
export function ChatOptions() {
  const id = useId();
  const options = useChatStore((s) => s.options);
  const setOptions = useChatStore((s) => s.setOptions);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    panelRef.current?.querySelector('input')?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="popover-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        onClick={() => {
          setOpen(!open);
        }}
        data-testid="chat-options"
      >
        <Icon name="sliders" size={14} />
        Options
      </button>
      {open && (
        <div
          ref={panelRef}
          id={`${id}-panel`}
          className="popover"
          role="group"
          aria-label="Answer options"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close();
            }
          }}
        >
          <OptionField
            label="Temperature"
            help="Higher gives more varied answers."
            value={options.temperature}
            {...bounds(temperature)}
            step={0.1}
            onCommit={(value) => {
              setOptions({ temperature: value });
            }}
          />
          <OptionField
            label="Top-p"
            help="Lower keeps to the likeliest words."
            value={options.topP}
            {...bounds(topP)}
            step={0.05}
            onCommit={(value) => {
              setOptions({ topP: value });
            }}
          />
          <OptionField
            label="Max tokens"
            help="Longest answer, in tokens."
            value={options.maxTokens}
            {...bounds(maxTokens)}
            step={1}
            integer
            onCommit={(value) => {
              setOptions({ maxTokens: value });
            }}
          />
          <div className="popover__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                setOptions(DEFAULT_CHAT_OPTIONS);
              }}
            >
              Reset
            </button>
            <button type="button" className="button button--small button--primary" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
