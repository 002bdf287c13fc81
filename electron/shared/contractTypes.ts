import type { z } from 'zod';

/**
 * Who is on the other end of a call, decided once by the transport: the Electron window (`desktop`), a browser on
 * Hearth's own computer that may name its paths (`local-browser`), any other browser (`remote-browser`), and a
 * gateway API key (`api-key`, treated as a remote browser until keys carry scopes).
 */
export type CallerClass = 'desktop' | 'local-browser' | 'remote-browser' | 'api-key';

/**
 * Who may call an entry: every signed-in caller (`any`); only the desktop app or a browser on this computer
 * (`local`); or `local` only for inputs the predicate marks as sensitive (a settings patch touching endpoints).
 */
export type Access<I extends z.ZodType = z.ZodType> = 'any' | 'local' | LocalWhen<I>;

/** `local` for some inputs only. A method, so an entry with a specific input still fits the general entry type. */
interface LocalWhen<I extends z.ZodType = z.ZodType> {
  localWhen(input: z.output<I>): boolean;
}

/** request → one response, no side effects. */
export interface QueryEntry<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'query';
  readonly input: I;
  readonly output: O;
  readonly access: Access<I>;
  readonly audit?: AuditOf<I, O>;
}

/** request → one response, changes state. */
export interface MutationEntry<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'mutation';
  readonly input: I;
  readonly output: O;
  readonly access: Access<I>;
  readonly audit?: AuditOf<I, O>;
}

/** request → many items → end value; cancellable by the caller. */
export interface StreamEntry<
  I extends z.ZodType = z.ZodType,
  T extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
> {
  readonly kind: 'stream';
  readonly input: I;
  readonly item: T;
  readonly output: O;
  readonly access: Access<I>;
}

/** pushed by the core. */
export interface EventEntry<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

/** Callers that `local` entries admit: the desktop window and a browser on Hearth's own computer. */
export const LOCAL_CALLERS: readonly CallerClass[] = ['desktop', 'local-browser'];

/** What a refused caller reads. */
export const LOCAL_ONLY_MESSAGE =
  'Only Hearth on this computer can change where secrets and data go. ' +
  'Make this change in the Hearth app, or in a browser on the computer Hearth runs on.';

/**
 * Makes every successful call of an entry an audit entry (actor: the caller class, action: the channel): `data` picks
 * what to record from the input and output — names and keys, never secret values.
 */
interface AuditOf<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  data(input: z.output<I>, output: z.output<O>): Record<string, unknown>;
}

/** Options of a query, mutation or stream entry. */
export interface EntryOptions<I extends z.ZodType, O extends z.ZodType> {
  /** Who may call it; every signed-in caller by default. */
  access?: Access<I>;
  /** Audit every successful call (see AuditOf); queries and mutations only. */
  audit?: AuditOf<I, O>;
}

export type ContractEntry = QueryEntry | MutationEntry | StreamEntry | EventEntry;

export const query = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  options: EntryOptions<I, O> = {},
): QueryEntry<I, O> => ({ kind: 'query', input, output, access: 'any', ...options });
export const mutation = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  options: EntryOptions<I, O> = {},
): MutationEntry<I, O> => ({ kind: 'mutation', input, output, access: 'any', ...options });
export const stream = <I extends z.ZodType, T extends z.ZodType, O extends z.ZodType>(
  input: I,
  item: T,
  output: O,
  options: Pick<EntryOptions<I, O>, 'access'> = {},
): StreamEntry<I, T, O> => ({ kind: 'stream', input, item, output, access: 'any', ...options });
export const event = <P extends z.ZodType>(payload: P): EventEntry<P> => ({ kind: 'event', payload });

type Keys<C> = keyof C & string;
export type CallChannel<C> = { [K in Keys<C>]: C[K] extends QueryEntry | MutationEntry ? K : never }[Keys<C>];
export type StreamChannel<C> = { [K in Keys<C>]: C[K] extends StreamEntry ? K : never }[Keys<C>];
export type EventChannel<C> = { [K in Keys<C>]: C[K] extends EventEntry ? K : never }[Keys<C>];

/** What a caller passes (before defaults) and what it gets back (after parsing). */
export type InputOf<E> = E extends { input: infer I extends z.ZodType } ? z.input<I> : never;
export type ParsedInputOf<E> = E extends { input: infer I extends z.ZodType } ? z.output<I> : never;
export type OutputOf<E> = E extends { output: infer O extends z.ZodType } ? z.output<O> : never;
export type ItemOf<E> = E extends { item: infer T extends z.ZodType } ? z.output<T> : never;
export type PayloadOf<E> = E extends { payload: infer P extends z.ZodType } ? z.output<P> : never;
