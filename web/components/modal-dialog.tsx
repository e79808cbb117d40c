import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/use-t.ts';

/**
 * A modal panel on the native <dialog>: opens when mounted, keeps focus inside, closes on Escape, on
 * its close button or on a click outside it, then calls onClose.
 */
export function ModalDialog({
  title,
  onClose,
  testId,
  children,
}: {
  title: ReactNode;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="figure-panel"
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) ref.current.close();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') ref.current?.close();
      }}
    >
      <div className="figure-panel-body">
        <header className="figure-panel-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="close-button" onClick={() => ref.current?.close()}>
            {t('explain.close')}
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
