import { describe, expect, it } from '@jest/globals';
import { ManifestSyntaxError, parseManifestYaml } from '../src/index.js';

describe('parseManifestYaml', () => {
  it('turns CloudFormation short tags into their long form', () => {
    // Prepare
    const text = [
      'arn: !GetAtt Queue.Arn',
      'url: !Ref Queue',
      'name: !Sub ${AWS::StackName}-queue',
      "joined: !Join ['', [a, !Ref Queue]]",
      'picked: !If [IsProd, !Ref A, !Ref B]',
      '',
    ].join('\n');

    // Act
    const data = parseManifestYaml(text, 'serverless.yml');

    // Assess
    expect(data).toEqual({
      arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      url: { Ref: 'Queue' },
      name: { 'Fn::Sub': '${AWS::StackName}-queue' },
      joined: { 'Fn::Join': ['', ['a', { Ref: 'Queue' }]] },
      picked: { 'Fn::If': ['IsProd', { Ref: 'A' }, { Ref: 'B' }] },
    });
  });

  it('leaves Serverless variables as written', () => {
    expect(parseManifestYaml('stage: ${sls:stage}\n', 'serverless.yml')).toEqual({ stage: '${sls:stage}' });
  });

  it('follows anchors, aliases and merge keys', () => {
    // Prepare
    const text = 'prod: &production\n  rate: 100\nlocal: *production\ndev:\n  <<: *production\n  burst: 5\n';

    // Act
    const data = parseManifestYaml(text, 'serverless.yml');

    // Assess
    expect(data).toEqual({ prod: { rate: 100 }, local: { rate: 100 }, dev: { rate: 100, burst: 5 } });
  });

  it('throws ManifestSyntaxError naming the file for bad YAML', () => {
    // Act
    const parse = () => parseManifestYaml('a: [b\n', 'services/x/serverless.yml');

    // Assess
    expect(parse).toThrow(ManifestSyntaxError);
    expect(parse).toThrow(/^services\/x\/serverless\.yml is not valid YAML: /);
  });

  it('throws ManifestSyntaxError for a tag that is not a CloudFormation intrinsic', () => {
    expect(() => parseManifestYaml('a: !Bogus b\n', 'serverless.yml')).toThrow(
      'serverless.yml uses the tag !Bogus, which is not a CloudFormation intrinsic.',
    );
  });

  it('returns null for an empty file', () => {
    expect(parseManifestYaml('', 'serverless.yml')).toBeNull();
  });
});
