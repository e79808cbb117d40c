import type { ReactNode } from 'react';

/**
 * What was just done, in a live region that is on the page before it: a screen reader announces a
 * change inside a region it already knows, and may say nothing of a region added with its text.
 * `inline` for a message beside a button in a row of the form.
 */
export function SuccessLine({
  message,
  inline = false,
  testId,
}: {
  message: ReactNode;
  inline?: boolean;
  testId?: string;
}) {
  const Region = inline ? 'span' : 'div';
  const Line = inline ? 'span' : 'p';
  return (
    <Region role="status">
      {message ? (
        <Line className="form-success" data-testid={testId}>
          {message}
        </Line>
      ) : null}
    </Region>
  );
}
