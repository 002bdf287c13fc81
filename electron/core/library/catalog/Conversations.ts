import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from './sql/SqlDatabase';
import type { Citation, Conversation, Message } from '../../../shared/answerSchemas';
import { HearthError } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';
import type { Row } from './catalogRows';
import { likeInsensitiveSql } from './sql/sqlDialect';
import { sqlTransaction } from './sqlTransaction';

/** A message to append; ids are generated unless given. */
export type NewMessage = Omit<Message, 'id' | 'createdAt'> & { id?: string };

const PREVIEW_CHARS = 140;

/**
 * Conversations and their messages in the catalogue, so they survive restarts and can be searched, exported and
 * continued. Reached through `Catalog.conversations`.
 */
export class Conversations {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  create(input: { title?: string; collection?: string | null; model?: string | null } = {}): Conversation {
    const id = randomUUID();
    const at = this.now();
    this.db
      .prepare(
        'INSERT INTO conversations (id, title, collection, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, input.title ?? 'New conversation', input.collection ?? null, input.model ?? null, at, at);
    return this.require(id);
  }

  get(id: string): Conversation | undefined {
    const row = this.db
      .prepare(
        `SELECT c.*, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
                (SELECT content FROM messages m WHERE m.conversation_id = c.id ORDER BY seq DESC LIMIT 1) AS last
         FROM conversations c WHERE c.id = ?`,
      )
      .get(id) as Row | undefined;
    return row ? toConversation(row) : undefined;
  }

  require(id: string): Conversation {
    const c = this.get(id);
    if (!c) throw new HearthError('NOT_FOUND', 'That conversation does not exist any more.', { id });
    return c;
  }

  /** Newest first; `search` matches titles and message text (case-insensitive). */
  list(search?: string): Conversation[] {
    const like = search?.trim() ? `%${search.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const op = likeInsensitiveSql(this.db.dialect);
    const rows = this.db
      .prepare(
        `SELECT c.*, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
                (SELECT content FROM messages m WHERE m.conversation_id = c.id ORDER BY seq DESC LIMIT 1) AS last
         FROM conversations c
         WHERE CAST(?1 AS TEXT) IS NULL OR c.title ${op} ?1 ESCAPE '\\'
            OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.content ${op} ?1 ESCAPE '\\')
         ORDER BY c.updated_at DESC, c.rowid DESC`,
      )
      .all(like) as Row[];
    return rows.map(toConversation);
  }

  update(id: string, patch: { title?: string; collection?: string | null; model?: string | null }): Conversation {
    const current = this.require(id);
    this.db
      .prepare('UPDATE conversations SET title = ?, collection = ?, model = ?, updated_at = ? WHERE id = ?')
      .run(
        patch.title ?? current.title,
        patch.collection === undefined ? current.collection : patch.collection,
        patch.model === undefined ? current.model : patch.model,
        this.now(),
        id,
      );
    return this.require(id);
  }

  delete(id: string): boolean {
    return sqlTransaction(this.db, () => {
      this.db.prepare('DELETE FROM messages WHERE conversation_id = ?').run(id);
      return this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
    });
  }

  messages(conversationId: string): Message[] {
    const rows = this.db
      .prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq')
      .all(conversationId) as Row[];
    return rows.map(toMessage);
  }

  append(conversationId: string, message: NewMessage): Message {
    const id = message.id ?? randomUUID();
    const at = this.now();
    sqlTransaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO messages (id, conversation_id, role, content, citations, status, error_code, error_message,
                                 model, grounded, notice, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          conversationId,
          message.role,
          message.content,
          JSON.stringify(message.citations),
          message.status,
          message.error?.code ?? null,
          message.error?.message ?? null,
          message.model,
          message.grounded ? 1 : 0,
          message.notice ?? null,
          at,
        );
      this.db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(at, conversationId);
    });
    return this.#message(id);
  }

  /** Replaces a message's content and outcome (a streamed answer is saved as it ends). */
  finish(
    id: string,
    patch: Pick<Message, 'content' | 'citations' | 'status' | 'error' | 'model' | 'grounded' | 'notice'>,
  ): Message {
    this.db
      .prepare(
        `UPDATE messages SET content = ?, citations = ?, status = ?, error_code = ?, error_message = ?, model = ?,
                grounded = ?, notice = ? WHERE id = ?`,
      )
      .run(
        patch.content,
        JSON.stringify(patch.citations),
        patch.status,
        patch.error?.code ?? null,
        patch.error?.message ?? null,
        patch.model,
        patch.grounded ? 1 : 0,
        patch.notice ?? null,
        id,
      );
    return this.#message(id);
  }

  /** Removes a message and every later one of its conversation (regenerate, edit and resend). */
  truncateFrom(conversationId: string, messageId: string): void {
    const row = this.db
      .prepare('SELECT seq FROM messages WHERE id = ? AND conversation_id = ?')
      .get(messageId, conversationId) as Row | undefined;
    if (!row) throw new HearthError('NOT_FOUND', 'That message is not in this conversation.', { messageId });
    this.db
      .prepare('DELETE FROM messages WHERE conversation_id = ? AND seq >= ?')
      .run(conversationId, Number(row['seq']));
  }

  #message(id: string): Message {
    const row = this.db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new HearthError('NOT_FOUND', 'That message does not exist.', { id });
    return toMessage(row);
  }
}

function toConversation(row: Row): Conversation {
  const last = row['last'] === null || row['last'] === undefined ? '' : String(row['last']);
  return {
    id: String(row['id']),
    title: String(row['title']),
    collection: row['collection'] === null ? null : String(row['collection']),
    model: row['model'] === null ? null : String(row['model']),
    messageCount: Number(row['message_count'] ?? 0),
    preview: last.replace(/\s+/g, ' ').slice(0, PREVIEW_CHARS),
    createdAt: Number(row['created_at']),
    updatedAt: Number(row['updated_at']),
  };
}

function toMessage(row: Row): Message {
  let citations: Citation[];
  try {
    citations = JSON.parse(String(row['citations'])) as Citation[];
  } catch {
    // A row damaged by hand: show the answer without its sources rather than failing the conversation.
    citations = [];
  }
  return {
    id: String(row['id']),
    role: row['role'] === 'assistant' ? 'assistant' : 'user',
    content: String(row['content']),
    citations,
    status: row['status'] as Message['status'],
    error: row['error_code']
      ? { code: row['error_code'] as ErrorCode, message: String(row['error_message'] ?? '') }
      : null,
    model: row['model'] === null ? null : String(row['model']),
    grounded: Number(row['grounded']) === 1,
    ...(typeof row['notice'] === 'string' ? { notice: row['notice'] } : {}),
    createdAt: Number(row['created_at']),
  };
}
