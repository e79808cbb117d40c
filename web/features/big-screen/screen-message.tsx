/** A whole-screen message in place of the deck: loading, no access, revoked link, server away. */
export function ScreenMessage({
  title,
  body,
  alarm = false,
  testId,
}: {
  title: string;
  body?: string;
  alarm?: boolean;
  testId: string;
}) {
  return (
    <div
      className={alarm ? 'bs-screen-message bs-is-alarm' : 'bs-screen-message'}
      role="alert"
      data-testid={testId}
    >
      <h1>{title}</h1>
      {body && <p>{body}</p>}
    </div>
  );
}
