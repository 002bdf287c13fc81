import { useCallback } from 'react';
import { useModelsStore } from './useModelsStore';

/** A model id as a person reads it: the model's display name (the id only for a model no longer installed). */
export function useModelName(): (id: string | null | undefined) => string {
  const models = useModelsStore((s) => s.list?.models ?? null);
  return useCallback(
    (id) => {
      if (!id) return 'none';
      return models?.find((m) => m.id === id)?.displayName ?? id;
    },
    [models],
  );
}
