import type { Logger } from 'pino';
import type { PayloadOf } from '../../shared/contractTypes';
import type { Contract } from '../../shared/contract';
import type { DataPaths } from '../paths/resolveDataDir';
import type { Platform } from '../platform';
import type { EventBus } from '../rpc/EventBus';
import type { Handlers } from '../rpc/Dispatcher';
import type { StreamGauge } from '../rpc/StreamGauge';
import type { DisposableStore } from './DisposableStore';
import type { PartStarts } from './PartStarts';
import type { TypedEvents } from './TypedEvents';

/** Internal events: how one part reacts to another without holding it. */
export interface CoreSignalMap extends Record<string, unknown> {
  /** A model was imported, downloaded or deleted, or a default changed. */
  'models.changed': undefined;
  /** Documents of the library changed (ingested, failed, deleted, revised). */
  'library.changed': PayloadOf<Contract['library.changed']>;
}

type CoreSignals = TypedEvents<CoreSignalMap>;

/** What every part is built with: the shell's platform and the core's shared plumbing. */
export interface PartContext {
  readonly platform: Platform;
  readonly paths: DataPaths;
  readonly logger: Logger;
  /** Contract events, for clients. */
  readonly events: EventBus;
  /** Internal events, for wiring between parts. */
  readonly signals: CoreSignals;
  /** Where a part registers what it must dispose; disposed last-in first-out. */
  readonly disposables: DisposableStore;
  /** Background starts (retried with backoff, shown to every client). */
  readonly starts: PartStarts;
  /** Contract streams running now: counted by the dispatcher, reported by diagnostics. */
  readonly streams: StreamGauge;
  readonly startedAt: number;
}

/** A part: its services, and the contract channels it serves. */
export interface Part<Services, Channels extends keyof Handlers = never> {
  readonly services: Services;
  readonly handlers: Pick<Handlers, Channels>;
}
