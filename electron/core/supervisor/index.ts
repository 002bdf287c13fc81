export { Supervisor, type SupervisorOptions } from './Supervisor';
export { SupervisedChild, type Disposable } from './SupervisedChild';
export {
  CHILD_NAME_PATTERN,
  DEFAULT_RESTART_POLICY,
  resolveChildSpec,
  type ChildSpec,
  type HealthProbe,
  type ResolvedChildSpec,
  type RestartPolicy,
} from './ChildSpec';
export { nextDelay, RestartBudget, type BudgetVerdict } from './backoff';
export { runProbe } from './probes';
export { PidRegistry, type PidRecord } from './pidRegistry';
