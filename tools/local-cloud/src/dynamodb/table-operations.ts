import type { Body, DynaliteEngine, TableRecord } from './dynalite-engine.js';
import { validationException } from './dynamodb-errors.js';
import { describeRecord, updateTableRecord, waitUntilActive } from './table-records.js';
import { applyTableSettings, checkTableSettings, hasSettings, takeTableSettings } from './table-settings.js';
import { applyIndexChanges, takeIndexChanges } from './index-changes.js';

/**
 * CreateTable: dynalite creates the table; the layer answers once it is ACTIVE, with the
 * settings dynalite drops (deletion protection, streams, SSE) kept in its record and `Tags`
 * given to dynalite's TagResource.
 */
export const createTable = async (engine: DynaliteEngine, input: Body): Promise<Body> => {
  const { settings, rest } = takeTableSettings(input);
  const { Tags, ...table } = rest;
  checkTableSettings(settings);
  if (Tags !== undefined)
    engine.validate('TagResource', { ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/check', Tags });
  const created = await engine.call('CreateTable', table);
  const name = String((created.TableDescription as TableRecord).TableName);
  let record = await waitUntilActive(engine, name);
  if (hasSettings(settings)) record = await updateTableRecord(engine, name, (r) => applyTableSettings(r, settings));
  if (Tags !== undefined) await engine.call('TagResource', { ResourceArn: record.TableArn, Tags });
  return { TableDescription: describeRecord(record) };
};

export const describeTable = async (engine: DynaliteEngine, input: Body): Promise<Body> => {
  const described = await engine.call('DescribeTable', input);
  return { Table: describeRecord(described.Table as TableRecord) };
};

/**
 * DeleteTable, refused while deletion protection is on. AWS's reference names no exception for
 * it; AWS is seen to answer ValidationException with this message, which the layer sends.
 */
export const deleteTable = async (engine: DynaliteEngine, input: Body): Promise<Body> => {
  const data = engine.validate('DeleteTable', input);
  const record = await engine.getTable(String(data.TableName));
  if (record.DeletionProtectionEnabled === true)
    throw validationException(
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
  const deleted = await engine.run('DeleteTable', data);
  return { TableDescription: describeRecord(deleted.TableDescription as TableRecord) };
};

const REQUIRED_MESSAGE =
  'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required';

/**
 * UpdateTable: throughput, billing mode and GSI throughput go to dynalite; the settings it drops
 * and GSI Create/Delete (which dynalite accepts and ignores) are the layer's. The answer comes
 * once the table is ACTIVE again, as CreateTable's.
 */
export const updateTable = async (engine: DynaliteEngine, input: Body): Promise<Body> => {
  const { settings, rest } = takeTableSettings(input);
  const { changes, rest: forDynalite } = takeIndexChanges(rest);
  if (!hasSettings(settings) && changes.length === 0) {
    const updated = await engine.call('UpdateTable', forDynalite);
    const name = String((updated.TableDescription as TableRecord).TableName);
    return { TableDescription: describeRecord(await waitUntilActive(engine, name)) };
  }
  checkTableSettings(settings);
  const name = String(engine.validate('DescribeTable', { TableName: forDynalite.TableName }).TableName);
  const current = await engine.getTable(name);
  const forwarded = Object.keys(forDynalite).filter((key) => key !== 'TableName' && key !== 'AttributeDefinitions');
  if (forwarded.length > 0) {
    await engine.call('UpdateTable', forDynalite);
    await waitUntilActive(engine, name);
  } else if (!hasSettings(settings) && changes.length === 0) {
    throw validationException(REQUIRED_MESSAGE);
  }
  if (changes.length > 0) await applyIndexChanges(engine, current, changes, forDynalite.AttributeDefinitions);
  const record = hasSettings(settings)
    ? await updateTableRecord(engine, name, (r) => applyTableSettings(r, settings))
    : await engine.getTable(name);
  return { TableDescription: describeRecord(record) };
};
