// Dialog keyboard behaviour: Escape closes, Tab stays inside, focus starts inside.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

afterEach(() => {
  render(null, document.body);
  document.body.innerHTML = '';
});

function open(onClose = vi.fn()) {
  // act() runs the effects (showModal, focus, key handlers) before the test looks.
  act(() => {
    render(
      <Dialog title="Confirm" onClose={onClose} testId="d" actions={<button data-testid="last">OK</button>}>
        <input data-testid="first-input" />
      </Dialog>,
      document.body,
    );
  });
  return { onClose, dialog: document.querySelector<HTMLElement>('[data-testid=d]')! };
}

const key = (el: Element, k: string, shift = false) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, cancelable: true }));

describe('Dialog', () => {
  it('is labelled by its title and takes the focus', () => {
    const { dialog } = open();
    const label = document.getElementById(dialog.getAttribute('aria-labelledby')!);
    expect(label?.textContent).toBe('Confirm');
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('closes with Escape', () => {
    const { dialog, onClose } = open();
    key(dialog, 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab inside: from the last control to the first and back', () => {
    const { dialog } = open();
    const last = dialog.querySelector<HTMLElement>('[data-testid=last]')!;
    last.focus();
    key(last, 'Tab');
    // The close button in the header is the first control.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close');
    key(document.activeElement!, 'Tab', true);
    expect(document.activeElement).toBe(last);
  });
});
