import { createServer } from 'node:net';

/** Asks the OS for a free loopback port (for tests and for children that need a number up front). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number, what: string) {
    super(`Port ${port} (${what}) is already in use. Stop whatever uses it, or choose another port.`);
    this.port = port;
  }
}

/** Fails early, with a message a person understands, when a fixed port is taken. */
export const assertPortFree = (port: number, what: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what) : error),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
