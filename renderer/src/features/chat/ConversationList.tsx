import { useId, useState } from 'react';
import { Icon } from '@/ui/Icon';
import { conversationHref } from '@/routing/routes';
import { useConversationsStore } from './useConversationsStore';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The conversations, newest first, with a search over titles and messages. On phones it folds behind a button. */
export function ConversationList() {
  const id = useId();
  const conversations = useConversationsStore((s) => s.conversations);
  const search = useConversationsStore((s) => s.search);
  const setSearch = useConversationsStore((s) => s.setSearch);
  const activeId = useConversationsStore((s) => s.activeId);
  const [open, setOpen] = useState(false);
  const count = conversations?.length ?? 0;

  return (
    <nav className={open ? 'conv-list is-open' : 'conv-list'} aria-labelledby={`${id}-title`}>
      <div className="conv-list__head">
        <h2 id={`${id}-title`} className="conv-list__title">
          Conversations
        </h2>
        <button
          type="button"
          className="button button--small conv-list__toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => {
            setOpen(!open);
          }}
        >
          {open ? 'Hide' : `Show (${String(count)})`}
        </button>
      </div>
      <div id={`${id}-body`} className="conv-list__body">
        <div className="conv-list__search">
          <Icon name="search" size={14} className="conv-list__search-icon" />
          <label htmlFor={`${id}-search`} className="visually-hidden">
            Search conversations
          </label>
          <input
            id={`${id}-search`}
            className="text-input"
            type="search"
            placeholder="Search"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
            }}
            data-testid="conversation-search"
          />
        </div>
        {conversations === null ? (
          <p className="conv-list__empty muted">Loading…</p>
        ) : count === 0 ? (
          <p className="conv-list__empty muted">{search.trim() ? 'No conversation matches.' : 'None yet.'}</p>
        ) : (
          <ul className="conv-list__items" data-testid="conversation-list">
            {conversations.map((c) => (
              <li key={c.id}>
                <a
                  className="conv-list__link"
                  href={conversationHref(c.id)}
                  aria-current={c.id === activeId ? 'page' : undefined}
                  onClick={() => {
                    setOpen(false);
                  }}
                  data-testid={`conversation-${c.id}`}
                >
                  <span className="conv-list__name">{c.title}</span>
                  <span className="conv-list__meta">
                    {when.format(c.updatedAt)}
                    {c.preview ? ` · ${c.preview}` : ''}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </nav>
  );
}
