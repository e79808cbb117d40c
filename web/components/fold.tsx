import { useState } from 'react';

/**
 * A list shown in part: `first` of its entries until the reader asks for them all — its first ones, or
 * those `part` picks.
 */
export function useFold<T>(
  list: readonly T[],
  first: number,
  part: (list: readonly T[], n: number) => readonly T[] = (l, n) => l.slice(0, n),
) {
  const [all, setAll] = useState(false);
  const folds = list.length > first;
  return {
    shown: all || !folds ? list : part(list, first),
    folds,
    all,
    toggle: () => setAll(!all),
  };
}

/** The button that shows a folded list whole, and folds it again; nothing when the list is short. */
export function FoldButton({
  fold,
  showAll,
  showFewer,
  testId,
}: {
  fold: ReturnType<typeof useFold>;
  showAll: string;
  showFewer: string;
  testId: string;
}) {
  if (!fold.folds) return null;
  return (
    <button
      type="button"
      className="small-button"
      aria-expanded={fold.all}
      data-testid={testId}
      onClick={fold.toggle}
    >
      {fold.all ? showFewer : showAll}
    </button>
  );
}
