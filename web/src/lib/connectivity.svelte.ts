/**
 * Whether the browser believes it is online (`navigator.onLine` and its `online`/`offline`
 * events). A failed request alone does not flip it: a server that resets one connection is not
 * a device without a network, and the request's own error says what happened.
 */
class Connectivity {
  // Node has a `navigator` without `onLine`: a page rendered at build time is drawn online.
  online = $state(typeof window === 'undefined' ? true : navigator.onLine);

  start(): () => void {
    const update = () => {
      this.online = navigator.onLine;
    };
    addEventListener('online', update);
    addEventListener('offline', update);
    update();
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }
}

export const connectivity = new Connectivity();
