export { Supervisor } from './Supervisor';
export { SupervisedChild, type Disposable } from './SupervisedChild';
export { type ChildSpec, type RestartPolicy } from './ChildSpec';
