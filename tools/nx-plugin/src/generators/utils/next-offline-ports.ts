import { joinPathFragments, type Tree } from '@nx/devkit';
import { readServiceManifest } from '@platform/service-manifest';

/** The ports serverless-offline serves one service on locally. */
export interface OfflinePorts {
  httpPort: number;
  lambdaPort: number;
}

/** Where the numbering starts when no service has ports yet (risk-service's pair). */
export const FIRST_OFFLINE_PORTS: OfflinePorts = { httpPort: 3001, lambdaPort: 3101 };

/** The `custom.serverless-offline` ports of every `services/<name>/serverless.yml`. */
export const usedOfflinePorts = (tree: Tree): OfflinePorts[] => {
  if (!tree.exists('services')) return [];
  return tree.children('services').flatMap((dir) => {
    const serviceDir = joinPathFragments('services', dir);
    if (!tree.isFile(joinPathFragments(serviceDir, 'serverless.yml'))) return [];
    // The ports are the service's own (never included): the tree need not hold the shared fragments.
    const offline = readServiceManifest(serviceDir, { includes: false, readFile: (file) => tree.read(file, 'utf-8') })
      .custom?.['serverless-offline'];
    const httpPort = Number(offline?.httpPort);
    const lambdaPort = Number(offline?.lambdaPort);
    return Number.isInteger(httpPort) && Number.isInteger(lambdaPort) ? [{ httpPort, lambdaPort }] : [];
  });
};

/**
 * The next free pair after the highest ports in use: `npm start` runs every service at once on the
 * ports its serverless.yml names, so each service needs its own. With risk (3001/3101), fetch
 * (3002/3102) and auth (3003/3103), the next service gets 3004/3104. A port any service already
 * uses (for either purpose) is skipped.
 *
 * @example
 * const { httpPort, lambdaPort } = nextOfflinePorts(tree);
 */
export const nextOfflinePorts = (tree: Tree): OfflinePorts => {
  const used = usedOfflinePorts(tree);
  if (used.length === 0) return FIRST_OFFLINE_PORTS;
  const taken = new Set(used.flatMap((ports) => [ports.httpPort, ports.lambdaPort]));
  const nextFree = (after: number, also: number[] = []) => {
    let port = after + 1;
    while (taken.has(port) || also.includes(port)) port += 1;
    return port;
  };
  const httpPort = nextFree(Math.max(...used.map((ports) => ports.httpPort)));
  const lambdaPort = nextFree(Math.max(...used.map((ports) => ports.lambdaPort)), [httpPort]);
  return { httpPort, lambdaPort };
};
