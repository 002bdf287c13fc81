import type { z } from 'zod';

/** request → one response, no side effects. */
export interface QueryEntry<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'query';
  readonly input: I;
  readonly output: O;
}

/** request → one response, changes state. */
export interface MutationEntry<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'mutation';
  readonly input: I;
  readonly output: O;
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
}

/** pushed by the core. */
export interface EventEntry<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

export type ContractEntry = QueryEntry | MutationEntry | StreamEntry | EventEntry;
export type ContractShape = Record<`${string}.${string}`, ContractEntry>;

export const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): QueryEntry<I, O> => ({
  kind: 'query',
  input,
  output,
});
export const mutation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MutationEntry<I, O> => ({
  kind: 'mutation',
  input,
  output,
});
export const stream = <I extends z.ZodType, T extends z.ZodType, O extends z.ZodType>(
  input: I,
  item: T,
  output: O,
): StreamEntry<I, T, O> => ({ kind: 'stream', input, item, output });
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
