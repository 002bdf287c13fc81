import { JOB_STAGES, type JobStage } from './catalogTypes';

/** Stages after which the pipeline does no more work on a job. */
export const TERMINAL_STAGES: readonly JobStage[] = ['indexed', 'failed', 'cancelled'];

/** The work stages in order: every stage but the two ends a job can be stopped at. */
const PIPELINE: readonly JobStage[] = JOB_STAGES.filter((s) => s !== 'failed' && s !== 'cancelled');

/**
 * The allowed moves. Work goes one stage at a time so a resumed job knows exactly what was done; the one shortcut
 * is hashed → indexed, for content already in the library. Any live job may fail or be cancelled; failed and
 * cancelled jobs go back to queued only through a retry.
 */
const JOB_TRANSITIONS: Readonly<Record<JobStage, readonly JobStage[]>> = (() => {
  const map = {} as Record<JobStage, JobStage[]>;
  PIPELINE.forEach((stage, i) => {
    const next = PIPELINE[i + 1];
    map[stage] = next ? [next, 'failed', 'cancelled'] : [];
  });
  map.hashed.push('indexed');
  map.failed = ['queued'];
  map.cancelled = ['queued'];
  return map;
})();

export function isTerminalStage(stage: JobStage): boolean {
  return TERMINAL_STAGES.includes(stage);
}

export function canTransition(from: JobStage, to: JobStage): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}
