import { type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../i18n/use-t.ts';

/**
 * A modal panel on the native <dialog>: opens when mounted (a form's at its first field), keeps focus
 * inside, closes on Escape, on its close button or on a click outside it, then calls onClose. Panels
 * may open one inside another.
 * It is rendered into the body, so it inherits nothing from where its figure is (a heading's weight,
 * a number cell's right alignment).
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
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      // A form's dialog starts at its first field, not at the Close button the browser would pick.
      dialog
        .querySelector<HTMLElement>(
          'form :is(input:not([type="hidden"]), select, textarea):not([disabled], [readonly])',
        )
        ?.focus();
    }
    // Closed, the browser gives focus back to what opened the dialog; removed without closing (an
    // action done, the dialog gone with it), focus would drop to the page's body.
    return () => {
      const active = document.activeElement;
      const lost = active === null || active === document.body || dialog?.contains(active);
      if (lost && opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      className="figure-panel"
      aria-labelledby={titleId}
      data-testid={testId}
      // A panel opened from inside another (a score's component) closes alone: React passes the
      // inner dialog's close and keys up to the outer one, and the browser's own Escape would then
      // close the outer one too, as the top dialog by then.
      onClose={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) ref.current.close();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        ref.current?.close();
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
    </dialog>,
    document.body,
  );
}
