import { describe, expect, it } from '@jest/globals';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { nextOfflinePorts, usedOfflinePorts } from '../../src/generators/utils/next-offline-ports.js';
import { offlineYaml, platformTree } from './fixtures/workspace.js';

describe('nextOfflinePorts', () => {
  it('starts at 3001/3101 when no service has ports', () => {
    expect(nextOfflinePorts(createTreeWithEmptyWorkspace())).toEqual({ httpPort: 3001, lambdaPort: 3101 });
  });

  it('reads the ports of the real services', () => {
    const used = usedOfflinePorts(platformTree());

    expect(used).toEqual(
      expect.arrayContaining([
        { httpPort: 3001, lambdaPort: 3101 },
        { httpPort: 3002, lambdaPort: 3102 },
        { httpPort: 3003, lambdaPort: 3103 },
      ]),
    );
  });

  it('takes the pair after the highest ports in use', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('services/a-service/serverless.yml', offlineYaml('a-service', 3001, 3101));
    tree.write('services/b-service/serverless.yml', offlineYaml('b-service', 3007, 3102));

    expect(nextOfflinePorts(tree)).toEqual({ httpPort: 3008, lambdaPort: 3103 });
  });

  it('skips a port another service uses for the other purpose', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('services/a-service/serverless.yml', offlineYaml('a-service', 3099, 3100));

    expect(nextOfflinePorts(tree)).toEqual({ httpPort: 3101, lambdaPort: 3102 });
  });

  it('ignores services without serverless-offline ports', () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('services/a-service/serverless.yml', 'service: a-service\n');
    tree.write('services/b-service/serverless.yml', offlineYaml('b-service', 3005, 3105));

    expect(nextOfflinePorts(tree)).toEqual({ httpPort: 3006, lambdaPort: 3106 });
  });
});
