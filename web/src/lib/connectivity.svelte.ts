/**
 * Whether the browser believes it is online. `navigator.onLine` only knows about the network
 * interface, so API calls that fail with a network error also mark the app offline until the next
 * `online` event or a successful response.
 */
class Connectivity {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

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

  reportNetworkFailure(): void {
    this.online = false;
  }

  reportNetworkSuccess(): void {
    this.online = true;
  }
}

export const connectivity = new Connectivity();
