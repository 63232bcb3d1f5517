import { describe, expect, it } from '@jest/globals';
import { ConnectionAcquireTimeoutError, ConnectionRefusedError, UniqueConstraintError } from 'sequelize';
import { DatabaseUnavailableError, isConnectionLost, toDatabaseError } from '../../src/index.js';

describe('toDatabaseError', () => {
  it('wraps the ConnectionError family in DatabaseUnavailableError with the cause', () => {
    // Prepare
    const refused = new ConnectionRefusedError(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const exhausted = new ConnectionAcquireTimeoutError(new Error('TimeoutError'));

    // Act
    const mapped = [refused, exhausted].map(toDatabaseError);

    // Assess
    expect(mapped[0]).toBeInstanceOf(DatabaseUnavailableError);
    expect((mapped[0] as Error).cause).toBe(refused);
    expect((mapped[1] as Error).cause).toBe(exhausted);
    expect((mapped[0] as Error).message).toBe('The database cannot be reached');
  });

  it('wraps a statement whose connection was lost', () => {
    // Prepare
    const lost = new Error('terminating connection due to administrator command');

    // Act
    const mapped = toDatabaseError(lost);

    // Assess
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect((mapped as Error).message).toBe('The connection to the database was lost');
  });

  it('returns other errors unchanged', () => {
    // Prepare
    const unique = new UniqueConstraintError({ message: 'Validation error' });
    const ours = new DatabaseUnavailableError('The database cannot be reached');

    // Act
    const mapped = [unique, ours, 'text'].map(toDatabaseError);

    // Assess
    expect(mapped).toEqual([unique, ours, 'text']);
    expect(mapped[1]).toBe(ours);
  });
});

describe('isConnectionLost', () => {
  it('recognises pg and server messages for a dead connection', () => {
    // Act
    const lost = [
      'Connection terminated unexpectedly',
      'terminating connection due to administrator command',
      'read ECONNRESET',
      'write EPIPE',
      'Client has encountered a connection error and is not queryable',
    ].map((message) => isConnectionLost(new Error(message)));

    // Assess
    expect(lost).toEqual([true, true, true, true, true]);
  });

  it('ignores ordinary errors and this package’s own', () => {
    // Act
    const lost = [
      new Error('duplicate key value violates unique constraint'),
      new DatabaseUnavailableError('Connection terminated due to connection timeout'),
      'Connection terminated',
    ].map(isConnectionLost);

    // Assess
    expect(lost).toEqual([false, false, false]);
  });
});
