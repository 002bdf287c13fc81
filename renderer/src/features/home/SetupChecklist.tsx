import type { ReactNode } from 'react';
import { useModelsStore } from '@/features/models/useModelsStore';
import { useDownloadStore } from '@/features/models/useDownloadStore';
import { useLibraryStore } from '@/features/library/libraryStores';
import { AddFilesButton } from '@/features/library/AddFilesButton';
import { ImportButton } from '@/features/models/ImportButton';
import { ImportStatus } from '@/features/models/ImportStatus';
import { DownloadStatus } from '@/features/models/DownloadStatus';
import { Card } from '@/ui/Card';
import { Icon } from '@/ui/Icon';
import { RecommendedPair } from './RecommendedPair';
import type { SetupStep, SetupStepId } from './useSetupSteps';

const TITLES: Record<SetupStepId, string> = {
  chat: 'A chat model',
  embedding: 'An embedding model',
  documents: 'Your documents',
  ask: 'Ask a question',
};

const WHY: Record<SetupStepId, string> = {
  chat: 'Writes the answers, on this computer.',
  embedding: 'Finds the passages in your documents that answer a question. Document chat needs both models.',
  documents: 'PDFs, Word files, notes, code: Hearth reads them and keeps them on this computer.',
  ask: 'Answers cite the passages they come from.',
};

const STATE_LABEL = { done: 'Done', current: 'Next', todo: 'To do' } as const;

/** What a step offers while it is the next one (a done step needs nothing; a later one waits its turn). */
function StepActions({ id }: { id: SetupStepId }): ReactNode {
  const list = useModelsStore((s) => s.list);
  const blocked = useLibraryStore((s) => s.list?.blocker !== null && s.list?.blocker !== undefined);
  switch (id) {
    case 'chat':
    case 'embedding':
      return (
        <>
          {list && <RecommendedPair list={list} />}
          <ImportButton />
          <a className="button" href="#/models">
            Choose in Models
          </a>
        </>
      );
    case 'documents':
      return (
        <>
          <AddFilesButton disabled={blocked} />
          <a className="button" href="#/library">
            Open Library
          </a>
        </>
      );
    case 'ask':
      return (
        <a className="button button--primary" href="#/chat" data-testid="setup-ask">
          <Icon name="chat" size={14} />
          Ask your documents
        </a>
      );
  }
}

/** Home for a new library: four steps to a first answer, each ticked off live as it is done anywhere. */
export function SetupChecklist({ steps }: { steps: SetupStep[] }) {
  const current = steps.find((s) => s.state === 'current')?.id ?? null;
  const downloading = useDownloadStore((s) => s.request?.origin.startsWith('curated:') ?? false);
  const doneCount = steps.filter((s) => s.state === 'done').length;
  return (
    <Card title="Get started" className="card--wide" testId="setup-checklist">
      <p className="card__note" data-testid="setup-progress">
        {doneCount} of {steps.length} done.
      </p>
      <ol className="setup-steps">
        {steps.map((step, index) => (
          <li
            key={step.id}
            className={`setup-step setup-step--${step.state}`}
            data-testid={`setup-step-${step.id}`}
            data-state={step.state}
            aria-current={step.state === 'current' ? 'step' : undefined}
          >
            <span className="setup-step__mark" aria-hidden="true">
              {step.state === 'done' ? <Icon name="check" size={16} /> : index + 1}
            </span>
            <div className="setup-step__body">
              <h3 className="setup-step__title">
                {TITLES[step.id]} <span className="visually-hidden">({STATE_LABEL[step.state]})</span>
              </h3>
              <p className="setup-step__why">{WHY[step.id]}</p>
              <p className="setup-step__status" data-testid={`setup-status-${step.id}`}>
                {step.status}
              </p>
              {step.id === current && (
                <div className="setup-step__actions">
                  <StepActions id={step.id} />
                </div>
              )}
              {step.id === current && (step.id === 'chat' || step.id === 'embedding') && (
                <>
                  <ImportStatus />
                  {downloading && <DownloadStatus />}
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
