import { Component, type ReactNode } from 'react';

/**
 * What a part of the page shows instead of itself when it fails to render, most often because its
 * code could not be loaded (the server away, or a new version's files in place of the ones the page
 * was built with). Without it React takes the whole page down to a blank screen. Give it a `key` that
 * changes with what it holds (the slide, the page) so that the next one is tried afresh.
 */
export class ErrorBoundary extends Component<
  { fallback: ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
