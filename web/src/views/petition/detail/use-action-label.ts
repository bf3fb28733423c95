import type { WorkflowAction } from '@/api/petition/petitions'
import { useI18n } from '@/i18n'
import { useVocabularyStore } from '@/stores/vocabulary'

/**
 * The label of a workflow action or timeline entry: the server vocabulary
 * first, the app catalogue for entries it lacks (register, link, inspect…).
 */
export function useActionLabel() {
  const { tOr } = useI18n()
  const vocabulary = useVocabularyStore()

  return (action: WorkflowAction | string): string => {
    const label = vocabulary.label('workflow_actions', action)
    if (label !== action) return label
    return tOr(`petition.actionNames.${action}`, action)
  }
}
