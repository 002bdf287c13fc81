import { Icon } from '@/ui/Icon';
import { useLibraryStore } from '@/features/library/libraryStores';

/** A new conversation: how asking works, and the one thing to do first when the library is empty. */
export function EmptyChat({ modelName }: { modelName: string | null }) {
  const documents = useLibraryStore((s) => s.list?.library.documents ?? null);
  const blocker = useLibraryStore((s) => s.list?.blocker ?? null);
  const empty = documents === 0;
  return (
    <div className="chat-empty" data-testid="chat-empty">
      <Icon name="chat" size={32} className="chat-empty__icon" />
      <p className="chat-empty__title">Ask your documents</p>
      <ol className="chat-empty__steps">
        <li className={empty ? 'is-todo' : 'is-done'}>
          {empty ? (
            <>
              Add documents in <a href="#/library">Library</a>
              {blocker ? ` (${blocker})` : ''}.
            </>
          ) : (
            <>
              Hearth searches the documents in your <a href="#/library">Library</a>.
            </>
          )}
        </li>
        <li>Ask a question below. Every answer shows the passages it comes from; open one to see it in place.</li>
      </ol>
      {modelName && <p className="chat-empty__model">{modelName} answers on this computer.</p>}
    </div>
  );
}
