/** Enters or leaves full screen; a refusal (no user gesture, not allowed in a frame) is ignored. */
export function toggleFullscreen(): void {
  const request = document.fullscreenElement
    ? document.exitFullscreen()
    : document.documentElement.requestFullscreen({ navigationUI: 'hide' });
  request?.catch(() => {});
}
