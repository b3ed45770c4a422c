// A modal dialog: the native <dialog> in the top layer (the page behind is inert), Tab kept
// inside, Escape closes, and focus goes back where it was when the dialog closes.

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { focusables, trapTab } from './focus';
import { t } from './ui.messages';
import './dialog.css';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Buttons at the foot, right-aligned. */
  actions?: ComponentChildren;
  testId?: string;
  wide?: boolean;
  /** `alertdialog` for confirmations that interrupt (delete, conflict). */
  role?: 'dialog' | 'alertdialog';
}

export function Dialog({ title, onClose, children, actions, testId, wide, role = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (typeof d.showModal === 'function') {
      if (!d.open) d.showModal();
    } else {
      d.setAttribute('open', '');
    }
    const first = d.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(d)[0];
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        // Handled here so the browser's own cancel never closes it behind our back.
        e.preventDefault();
        e.stopPropagation();
        close.current();
      } else {
        trapTab(e, d);
      }
    };
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    d.addEventListener('keydown', onKey);
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('keydown', onKey);
      d.removeEventListener('cancel', onCancel);
      if (d.open && typeof d.close === 'function') d.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      role={role}
      aria-modal="true"
      data-testid={testId}
    >
      <header class="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="icon-button" aria-label={t('close')} title={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div class="dialog-body">{children}</div>
      {actions && <footer class="dialog-actions">{actions}</footer>}
    </dialog>
  );
}
