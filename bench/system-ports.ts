/**
 * The fixed ports of the whole local system (HTTP 3001-3003, Lambda invoke 3101-3103): benchmarks
 * that start it refuse to run while another local system or e2e run holds them.
 */
import { createServer } from 'node:net';

export const SYSTEM_PORTS = [3001, 3002, 3003, 3101, 3102, 3103] as const;

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** Exits the process with a message when one of the system's ports is taken. */
export const requireFreeSystemPorts = async (): Promise<void> => {
  const busy: number[] = [];
  for (const port of SYSTEM_PORTS) if (!(await portFree(port))) busy.push(port);
  if (busy.length > 0) {
    console.error(
      `ports ${busy.join(', ')} are taken (another local system or e2e run?): try again when they are free`,
    );
    process.exit(1);
  }
};
