// The official AWS SDK for JavaScript v3 (@aws-sdk/client-dynamodb, lib-dynamodb) against
// `orderlab serve --dynamodb-port 0 --momento-port 0`, and the chain from an SDK PutItem on `orders`
// to a Momento subscriber; then secondary indexes (index_conformance.js), PartiQL (partiql_conformance.js)
// and Secrets Manager on the same port (secrets_conformance.js).
// usage: node conformance.js ORDERLAB_BINARY (NODE_PATH: see run.sh).
// Prints TAP-like lines; exit 0 only if all passed.
'use strict';
const { spawn } = require('child_process');
const assert = require('assert/strict');
const ddb = require('@aws-sdk/client-dynamodb');
const lib = require('@aws-sdk/lib-dynamodb');
const streams = require('@aws-sdk/client-dynamodb-streams');
const m = require('@gomomento/sdk');
const secretsManagerConformance = require('./secrets_conformance');
const indexConformance = require('./index_conformance');
const partiqlConformance = require('./partiql_conformance');

const orderlab = process.argv[2];
const sleep = ms => new Promise(r => setTimeout(r, ms));
let failures = 0, count = 0;

async function check(name, fn) {
  count += 1;
  try {
    await fn();
    console.log(`ok ${count} - ${name}`);
  } catch (e) {
    failures += 1;
    console.log(`not ok ${count} - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}

/// The error the SDK surfaces for `promise`, with name, message and HTTP status.
async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    return { name: e.name, message: e.message, status: e.$metadata && e.$metadata.httpStatusCode, error: e };
  }
  throw new Error('the call succeeded');
}

function startServer() {
  return new Promise((resolve, reject) => {
    // a 100,000-byte item collection limit, for index_conformance.js to reach (docs/dynamodb-indexes.md)
    const child = spawn(orderlab, ['serve', '--momento-port', '0', '--dynamodb-port', '0',
      '--secret', 'app/momento-token=seeded-token', '--item-collection-limit-bytes', '100000'],
      { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('no "dynamodb listening" line within 20 s')), 20000);
    child.stdout.on('data', d => {
      out += d;
      const momento = /momento listening on 127\.0\.0\.1:(\d+)/.exec(out);
      const dynamo = /dynamodb listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (momento && dynamo) {
        clearTimeout(timer);
        resolve({ child, momentoPort: Number(momento[1]), port: Number(dynamo[1]) });
      }
    });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`orderlab serve exited early with ${code}`)); });
  });
}

(async () => {
  const { child, port, momentoPort } = await startServer();
  child.removeAllListeners('exit');
  const client = new ddb.DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1',
    credentials: { accessKeyId: 'orderlab', secretAccessKey: 'orderlab' }, maxAttempts: 1,
  });
  const doc = lib.DynamoDBDocumentClient.from(client);
  const send = c => client.send(c);

  await check('CreateTable (hash + range, N range, stream, PAY_PER_REQUEST) and DescribeTable', async () => {
    const out = await send(new ddb.CreateTableCommand({
      TableName: 'events', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }));
    assert.equal(out.TableDescription.TableStatus, 'ACTIVE');
    assert.equal(out.$metadata.httpStatusCode, 200);
    const d = (await send(new ddb.DescribeTableCommand({ TableName: 'events' }))).Table;
    assert.equal(d.TableName, 'events');
    assert.deepEqual(d.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }]);
    assert.equal(d.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST');
    assert.equal(d.StreamSpecification.StreamViewType, 'NEW_IMAGE');
    assert.match(d.LatestStreamArn, /^arn:aws:dynamodb:us-east-1:000000000000:table\/events\/stream\//);
    assert.equal(d.TableArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/events');
    assert.ok(d.CreationDateTime instanceof Date);
    assert.equal(d.ItemCount, 0);
  });

  await check('CreateTable with provisioned throughput reports it; an existing table is ResourceInUseException', async () => {
    const out = await send(new ddb.CreateTableCommand({
      TableName: 'prov', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'B' }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
    }));
    assert.equal(out.TableDescription.ProvisionedThroughput.ReadCapacityUnits, 5);
    assert.equal(out.TableDescription.ProvisionedThroughput.WriteCapacityUnits, 7);
    const e = await failure(send(new ddb.CreateTableCommand({
      TableName: 'prov', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
    })));
    assert.equal(e.name, 'ResourceInUseException');
    assert.equal(e.message, 'Table already exists: prov');
    assert.equal(e.status, 400);
  });

  await check('CreateTable validation texts', async () => {
    let e = await failure(send(new ddb.CreateTableCommand({
      TableName: 'bad', AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
    })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'One or more parameter values were invalid: Some index key attributes are not defined in ' +
      'AttributeDefinitions. Keys: [k], AttributeDefinitions: [x]');
    e = await failure(send(new ddb.CreateTableCommand({
      TableName: 'bad', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
    })));
    assert.equal(e.message, 'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits ' +
      'must both be specified when BillingMode is PROVISIONED');
    e = await failure(send(new ddb.CreateTableCommand({
      TableName: 'x', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST',
    })));
    assert.equal(e.message, "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: " +
      'Member must have length greater than or equal to 3');
    assert.equal(e.status, 400);
  });

  await check('ListTables pages with Limit and ExclusiveStartTableName', async () => {
    const first = await send(new ddb.ListTablesCommand({ Limit: 2 }));
    assert.deepEqual(first.TableNames, ['events', 'orders']);
    assert.equal(first.LastEvaluatedTableName, 'orders');
    const rest = await send(new ddb.ListTablesCommand({ ExclusiveStartTableName: first.LastEvaluatedTableName }));
    assert.deepEqual(rest.TableNames, ['prov']);
    assert.equal(rest.LastEvaluatedTableName, undefined);
    const all = [];
    for await (const page of ddb.paginateListTables({ client, pageSize: 1 }, {})) all.push(...page.TableNames);
    assert.deepEqual(all, ['events', 'orders', 'prov']);
  });

  await check('PutItem / GetItem / DeleteItem with ReturnValues and ReturnConsumedCapacity', async () => {
    const item = { id: { S: 'a' }, at: { N: '1' }, v: { S: 'x'.repeat(1500) } };
    const put = await send(new ddb.PutItemCommand({ TableName: 'events', Item: item, ReturnConsumedCapacity: 'TOTAL' }));
    assert.equal(put.Attributes, undefined);
    assert.equal(put.ConsumedCapacity.TableName, 'events');
    assert.equal(put.ConsumedCapacity.CapacityUnits, 2);
    const again = await send(new ddb.PutItemCommand({
      TableName: 'events', Item: { ...item, v: { S: 'y' } }, ReturnValues: 'ALL_OLD' }));
    assert.deepEqual(again.Attributes, item);
    const got = await send(new ddb.GetItemCommand({
      TableName: 'events', Key: { id: { S: 'a' }, at: { N: '1.0' } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }));
    assert.deepEqual(got.Item, { id: { S: 'a' }, at: { N: '1' }, v: { S: 'y' } });
    assert.equal(got.ConsumedCapacity.CapacityUnits, 1);
    const eventual = await send(new ddb.GetItemCommand({
      TableName: 'events', Key: { id: { S: 'a' }, at: { N: '1' } }, ReturnConsumedCapacity: 'TOTAL' }));
    assert.equal(eventual.ConsumedCapacity.CapacityUnits, 0.5);
    const legacy = await send(new ddb.GetItemCommand({
      TableName: 'events', Key: { id: { S: 'a' }, at: { N: '1' } }, AttributesToGet: ['v'] }));
    assert.deepEqual(legacy.Item, { v: { S: 'y' } });
    const del = await send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: { id: { S: 'a' }, at: { N: '1' } }, ReturnValues: 'ALL_OLD' }));
    assert.equal(del.Attributes.v.S, 'y');
    const missing = await send(new ddb.GetItemCommand({ TableName: 'events', Key: { id: { S: 'a' }, at: { N: '1' } } }));
    assert.equal(missing.Item, undefined);
  });

  await check('item errors: unknown table, wrong key, wrong key type, expressions refused', async () => {
    let e = await failure(send(new ddb.GetItemCommand({ TableName: 'nope', Key: { id: { S: 'a' } } })));
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.equal(e.message, 'Cannot do operations on a non-existent table');
    assert.equal(e.status, 400);
    e = await failure(send(new ddb.GetItemCommand({ TableName: 'events', Key: { id: { S: 'a' } } })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'The provided key element does not match the schema');
    e = await failure(send(new ddb.PutItemCommand({ TableName: 'events', Item: { id: { S: 'a' }, at: { S: '1' } } })));
    assert.equal(e.message, 'One or more parameter values were invalid: Type mismatch for key at expected: N actual: S');
    e = await failure(send(new ddb.PutItemCommand({
      TableName: 'events', Item: { id: { S: 'a' }, at: { N: '1' } }, Expected: { id: { Value: { S: 'a' } } } })));
    assert.equal(e.name, 'ConditionalCheckFailedException'); // the legacy Expected works
    e = await failure(send(new ddb.PutItemCommand({
      TableName: 'events', Item: { id: { S: 'a' }, at: { N: '1' } },
      Expected: { id: { ComparisonOperator: 'EQ', AttributeValueList: [] } } })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message,
      'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator');
    e = await failure(send(new ddb.PutItemCommand({
      TableName: 'events', Item: { id: { S: 'a' }, at: { N: '1' } }, ReturnValues: 'ALL_NEW' })));
    assert.equal(e.message, 'ReturnValues can only be ALL_OLD or NONE');
    e = await failure(send(new ddb.QueryCommand({
      TableName: 'events', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: 'a' } },
      QueryFilter: { n: { ComparisonOperator: 'NOT_NULL' } } })));
    assert.equal(e.message, 'Can not use both expression and non-expression parameters in the same request: ' +
      'Non-expression parameters: {QueryFilter} Expression parameters: {KeyConditionExpression}');
    const none = await send(new ddb.ScanCommand({ TableName: 'events' }));
    assert.equal(none.Count, 0); // nothing was written by the failed calls
  });

  await check('ConditionExpression on PutItem and DeleteItem', async () => {
    const key = { id: { S: 'c' }, at: { N: '1' } };
    const item = { ...key, v: { N: '5' } };
    await send(new ddb.PutItemCommand({ TableName: 'events', Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
    let e = await failure(send(new ddb.PutItemCommand({
      TableName: 'events', Item: { ...key, v: { N: '6' } }, ConditionExpression: 'attribute_not_exists(id)' })));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    assert.equal(e.message, 'The conditional request failed');
    assert.equal(e.status, 400);
    assert.equal(e.error.Item, undefined);
    e = await failure(send(new ddb.PutItemCommand({
      TableName: 'events', Item: { ...key, v: { N: '6' } }, ConditionExpression: '#v > :min',
      ExpressionAttributeNames: { '#v': 'v' }, ExpressionAttributeValues: { ':min': { N: '5' } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    assert.deepEqual(e.error.Item, item);
    const put = await send(new ddb.PutItemCommand({
      TableName: 'events', Item: { ...key, v: { N: '6' } }, ConditionExpression: '#v = :five',
      ExpressionAttributeNames: { '#v': 'v' }, ExpressionAttributeValues: { ':five': { N: '5' } }, ReturnValues: 'ALL_OLD' }));
    assert.deepEqual(put.Attributes, item);
    e = await failure(send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: key, ConditionExpression: 'v = :five', ExpressionAttributeValues: { ':five': { N: '5' } } })));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    e = await failure(send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: key, ConditionExpression: 'v = :six',
      ExpressionAttributeValues: { ':six': { N: '6' }, ':unused': { N: '1' } } })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}');
    e = await failure(send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: key, ConditionExpression: 'v = :six', ExpressionAttributeNames: {},
      ExpressionAttributeValues: { ':six': { N: '6' } } })));
    assert.equal(e.message, 'ExpressionAttributeNames must not be empty');
    e = await failure(send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: key, ConditionExpression: 'attribute_exists(v)', ExpressionAttributeValues: {} })));
    assert.equal(e.message, 'ExpressionAttributeValues must not be empty');
    e = await failure(send(new ddb.DeleteItemCommand({ TableName: 'events', Key: key, ConditionExpression: 'v = = 1' })));
    assert.equal(e.name, 'ValidationException');
    assert.match(e.message, /^Invalid ConditionExpression: Syntax error; token: /);
    const del = await send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: key, ConditionExpression: 'v = :six', ExpressionAttributeValues: { ':six': { N: '6' } },
      ReturnValues: 'ALL_OLD' }));
    assert.equal(del.Attributes.v.N, '6');
    e = await failure(send(new ddb.DeleteItemCommand({
      TableName: 'events', Key: key, ConditionExpression: 'attribute_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    assert.equal(e.error.Item, undefined); // no item, nothing to return
  });

  await check('UpdateItem: UpdateExpression, ConditionExpression, ReturnValues, key attributes refused', async () => {
    const key = { id: { S: 'u' }, at: { N: '1' } };
    const created = await send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'SET n = :one, tags = :tags', ReturnValues: 'ALL_NEW',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':tags': { SS: ['a'] } } }));
    assert.deepEqual(created.Attributes, { ...key, n: { N: '1' }, tags: { SS: ['a'] } });
    const old = await send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'ADD n :two REMOVE tags', ReturnValues: 'UPDATED_OLD',
      ConditionExpression: 'n = :one', ExpressionAttributeValues: { ':one': { N: '1' }, ':two': { N: '2' } } }));
    assert.deepEqual(old.Attributes, { n: { N: '1' }, tags: { SS: ['a'] } });
    const fresh = await send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'SET #n = #n + :two', ReturnValues: 'UPDATED_NEW',
      ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':two': { N: '2' } } }));
    assert.deepEqual(fresh.Attributes, { n: { N: '5' } });
    const all = await send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'SET w = :w', ReturnValues: 'ALL_OLD',
      ExpressionAttributeValues: { ':w': { S: 'w' } } }));
    assert.deepEqual(all.Attributes, { ...key, n: { N: '5' } });
    let e = await failure(send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'SET n = :z', ConditionExpression: 'n = :z',
      ExpressionAttributeValues: { ':z': { N: '0' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    assert.equal(e.message, 'The conditional request failed');
    assert.equal(e.status, 400);
    assert.deepEqual(e.error.Item, { ...key, n: { N: '5' }, w: { S: 'w' } });
    e = await failure(send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'SET id = :z', ExpressionAttributeValues: { ':z': { S: 'z' } } })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key');
    e = await failure(send(new ddb.UpdateItemCommand({
      TableName: 'events', Key: key, UpdateExpression: 'SET big = :big',
      ExpressionAttributeValues: { ':big': { S: 'x'.repeat(410 * 1024) } } })));
    assert.equal(e.name, 'ValidationException');
    assert.match(e.message, /size/);
    const got = await send(new ddb.GetItemCommand({ TableName: 'events', Key: key }));
    assert.deepEqual(got.Item, { ...key, n: { N: '5' }, w: { S: 'w' } }); // the failed calls wrote nothing
    await send(new ddb.DeleteItemCommand({ TableName: 'events', Key: key }));
  });

  await check('lib-dynamodb: native JavaScript values round-trip', async () => {
    await doc.send(new lib.PutCommand({ TableName: 'events', Item: { id: 'doc', at: 2, tags: new Set(['a', 'b']), n: { deep: [1, 'two', null, true] } } }));
    const got = await doc.send(new lib.GetCommand({ TableName: 'events', Key: { id: 'doc', at: 2 } }));
    assert.equal(got.Item.id, 'doc');
    assert.deepEqual([...got.Item.tags].sort(), ['a', 'b']);
    assert.deepEqual(got.Item.n, { deep: [1, 'two', null, true] });
    await doc.send(new lib.DeleteCommand({ TableName: 'events', Key: { id: 'doc', at: 2 } }));
  });

  await check('BatchWriteItem (25 max, never half applied) and BatchGetItem', async () => {
    const puts = [];
    for (let i = 0; i < 25; i += 1) puts.push({ PutRequest: { Item: { id: { S: 'b' }, at: { N: String(i) } } } });
    const out = await send(new ddb.BatchWriteItemCommand({ RequestItems: { events: puts } }));
    assert.deepEqual(out.UnprocessedItems, {});
    const bad = [...puts.slice(0, 3).map(p => ({ PutRequest: { Item: { ...p.PutRequest.Item, at: { N: String(100 + Number(p.PutRequest.Item.at.N)) } } } })),
      { PutRequest: { Item: { id: { S: '' }, at: { N: '1' } } } }];
    const e = await failure(send(new ddb.BatchWriteItemCommand({ RequestItems: { events: bad } })));
    assert.equal(e.name, 'ValidationException');
    const half = await send(new ddb.GetItemCommand({ TableName: 'events', Key: { id: { S: 'b' }, at: { N: '100' } } }));
    assert.equal(half.Item, undefined); // the valid puts before the bad one were not applied
    let e2 = await failure(send(new ddb.BatchWriteItemCommand({ RequestItems: { events: [...puts, puts[0]] } })));
    assert.equal(e2.name, 'ValidationException');
    const keys = [];
    for (let i = 0; i < 30; i += 1) keys.push({ id: { S: 'b' }, at: { N: String(i) } });
    const got = await send(new ddb.BatchGetItemCommand({ RequestItems: { events: { Keys: keys } } }));
    assert.equal(got.Responses.events.length, 25);
    assert.deepEqual(got.UnprocessedKeys, {});
    const many = [];
    for (let i = 0; i < 101; i += 1) many.push({ id: { S: 'b' }, at: { N: String(i) } });
    e2 = await failure(send(new ddb.BatchGetItemCommand({ RequestItems: { events: { Keys: many } } })));
    assert.equal(e2.message, 'Too many items requested for the BatchGetItem call');
  });

  await check('Scan: Limit + ExclusiveStartKey pagination, Select COUNT, segments', async () => {
    const seen = [];
    for await (const page of ddb.paginateScan({ client, pageSize: 7 }, { TableName: 'events' })) {
      assert.ok(page.Items.length <= 7);
      seen.push(...page.Items.map(i => Number(i.at.N)));
    }
    assert.deepEqual(seen, [...Array(25).keys()]);
    const counted = await send(new ddb.ScanCommand({ TableName: 'events', Select: 'COUNT' }));
    assert.equal(counted.Count, 25);
    assert.equal(counted.Items, undefined);
    let total = 0;
    for (let s = 0; s < 3; s += 1) total += (await send(new ddb.ScanCommand({ TableName: 'events', Segment: s, TotalSegments: 3 }))).Count;
    assert.equal(total, 25);
  });

  await check('Query: key conditions, direction, pages, FilterExpression, ProjectionExpression, COUNT', async () => {
    const q = extra => send(new ddb.QueryCommand({ TableName: 'events', ...extra }));
    const ids = r => r.Items.map(i => Number(i.at.N));
    const eq = { KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': { S: 'b' } } };
    let r = await q(eq);
    assert.deepEqual(ids(r), [...Array(25).keys()]); // N range keys in numeric order
    r = await q({ ...eq, ScanIndexForward: false, Limit: 3 });
    assert.deepEqual(ids(r), [24, 23, 22]);
    assert.deepEqual(r.LastEvaluatedKey, { id: { S: 'b' }, at: { N: '22' } });
    r = await q({ ...eq, ScanIndexForward: false, Limit: 3, ExclusiveStartKey: r.LastEvaluatedKey });
    assert.deepEqual(ids(r), [21, 20, 19]);
    r = await q({ KeyConditionExpression: 'id = :id AND #at BETWEEN :lo AND :hi', ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':id': { S: 'b' }, ':lo': { N: '9' }, ':hi': { N: '11' } } });
    assert.deepEqual(ids(r), [9, 10, 11]);
    const seen = [];
    for await (const page of ddb.paginateQuery({ client, pageSize: 10 }, { TableName: 'events', ...eq })) seen.push(...ids(page));
    assert.equal(seen.length, 25);
    r = await q({ ...eq, Limit: 10, FilterExpression: 'attribute_exists(nope)' });
    assert.equal(r.Count, 0);
    assert.equal(r.ScannedCount, 10); // Limit counts the items read before the filter
    r = await q({ ...eq, Select: 'COUNT' });
    assert.equal(r.Count, 25);
    assert.equal(r.Items, undefined);
    r = await q({ ...eq, Limit: 1, ProjectionExpression: '#at', ExpressionAttributeNames: { '#at': 'at' } });
    assert.deepEqual(r.Items, [{ at: { N: '0' } }]);
    let e = await failure(q({ ...eq, FilterExpression: '#at > :z', ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':id': { S: 'b' }, ':z': { N: '1' } } }));
    assert.equal(e.message, 'Filter Expression can only contain non-primary key attributes: Primary key attribute: at');
    e = await failure(q({ ...eq, Select: 'COUNT', ProjectionExpression: 'id' }));
    assert.equal(e.message, 'Cannot specify the ProjectionExpression when choosing to get only the Count');
    e = await failure(q({ KeyConditionExpression: '#at = :id', ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':id': { N: '1' } } }));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'Query condition missed key schema element: id');
    const doc = lib.DynamoDBDocumentClient.from(client);
    const got = await doc.send(new lib.QueryCommand({ TableName: 'events', KeyConditionExpression: 'id = :id AND #at < :two',
      ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':id': 'b', ':two': 2 } }));
    assert.deepEqual(got.Items.map(i => i.at), [0, 1]);
  });

  await check('legacy parameters: KeyConditions, QueryFilter, ScanFilter, ConditionalOperator, Expected, AttributeUpdates', async () => {
    const ids = r => r.Items.map(i => Number(i.at.N));
    const key = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'b' }] } };
    let r = await send(new ddb.QueryCommand({ TableName: 'events', Limit: 3, ScanIndexForward: false,
      KeyConditions: { ...key, at: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '5' }, { N: '20' }] } } }));
    assert.deepEqual(ids(r), [20, 19, 18]);
    const seen = [];
    for await (const page of ddb.paginateQuery({ client, pageSize: 4 }, { TableName: 'events', KeyConditions: key,
      QueryFilter: { nope: { ComparisonOperator: 'NULL' } }, AttributesToGet: ['at'] })) seen.push(...ids(page));
    assert.equal(seen.length, 25);
    r = await send(new ddb.ScanCommand({ TableName: 'events', ConditionalOperator: 'OR',
      ScanFilter: { at: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '3' }, { N: '4' }] },
        nope: { ComparisonOperator: 'NOT_NULL' } } }));
    assert.deepEqual(ids(r).sort((a, b) => a - b), [3, 4]);
    const item = { id: { S: 'b' }, at: { N: '3' } };
    const u = await send(new ddb.UpdateItemCommand({ TableName: 'events', Key: item, ReturnValues: 'ALL_NEW',
      Expected: { tags: { Exists: false } },
      AttributeUpdates: { tags: { Action: 'ADD', Value: { SS: ['hot'] } }, n: { Action: 'ADD', Value: { N: '2' } } } }));
    assert.deepEqual(u.Attributes, { ...item, tags: { SS: ['hot'] }, n: { N: '2' } });
    let e = await failure(send(new ddb.DeleteItemCommand({ TableName: 'events', Key: item,
      Expected: { n: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '2' }] } } })));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    e = await failure(send(new ddb.UpdateItemCommand({ TableName: 'events', Key: item,
      AttributeUpdates: { tags: { Action: 'ADD', Value: { N: '1' } } } })));
    assert.equal(e.message, 'Type mismatch for attribute to update');
    await send(new ddb.UpdateItemCommand({ TableName: 'events', Key: item,
      AttributeUpdates: { tags: { Action: 'DELETE' }, n: { Action: 'DELETE' } } }));
    e = await failure(send(new ddb.QueryCommand({ TableName: 'events',
      KeyConditions: { id: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'b' }] } } })));
    assert.equal(e.message, 'Query key condition not supported');
  });

  await check('Scan with FilterExpression and ProjectionExpression; GetItem, BatchGetItem, TransactGetItems with ProjectionExpression', async () => {
    const r = await send(new ddb.ScanCommand({ TableName: 'events', FilterExpression: '#at >= :n',
      ProjectionExpression: '#at', ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':n': { N: '20' } } }));
    assert.equal(r.Count, 5);
    assert.equal(r.ScannedCount, 25);
    assert.ok(r.Items.every(i => Object.keys(i).length === 1 && Number(i.at.N) >= 20));
    const g = await send(new ddb.GetItemCommand({ TableName: 'events', Key: { id: { S: 'b' }, at: { N: '3' } },
      ProjectionExpression: 'id' }));
    assert.deepEqual(g.Item, { id: { S: 'b' } });
    const e = await failure(send(new ddb.GetItemCommand({ TableName: 'events', Key: { id: { S: 'b' }, at: { N: '3' } },
      ProjectionExpression: 'id', AttributesToGet: ['id'] })));
    assert.equal(e.message, 'Can not use both expression and non-expression parameters in the same request: ' +
      'Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}');
    const b = await send(new ddb.BatchGetItemCommand({ RequestItems: { events: { Keys: [{ id: { S: 'b' }, at: { N: '4' } }],
      ProjectionExpression: '#at', ExpressionAttributeNames: { '#at': 'at' } } } }));
    assert.deepEqual(b.Responses.events, [{ at: { N: '4' } }]);
    const t = await send(new ddb.TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'events',
      Key: { id: { S: 'b' }, at: { N: '4' } }, ProjectionExpression: 'id' } }] }));
    assert.deepEqual(t.Responses, [{ Item: { id: { S: 'b' } } }]);
  });

  await check('TransactWriteItems: atomic, idempotent; TransactGetItems in request order', async () => {
    const items = [
      { Put: { TableName: 'events', Item: { id: { S: 't' }, at: { N: '1' } } } },
      { Delete: { TableName: 'events', Key: { id: { S: 'b' }, at: { N: '0' } } } },
    ];
    await send(new ddb.TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: 'tok-1' }));
    await send(new ddb.TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: 'tok-1' }));
    let e = await failure(send(new ddb.TransactWriteItemsCommand({ TransactItems: [items[0]], ClientRequestToken: 'tok-1' })));
    assert.equal(e.name, 'IdempotentParameterMismatchException');
    e = await failure(send(new ddb.TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: 'events', Item: { id: { S: 't2' }, at: { N: '1' } } } },
      { Put: { TableName: 'events', Item: { id: { S: 't2' }, at: { S: 'wrong' } } } }] })));
    assert.equal(e.name, 'ValidationException');
    e = await failure(send(new ddb.TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: 'events', Item: { id: { S: 't' }, at: { N: '1' } } } },
      { Delete: { TableName: 'events', Key: { id: { S: 't' }, at: { N: '1' } } } }] })));
    assert.equal(e.message, 'Transaction request cannot include multiple operations on one item');
    const got = await send(new ddb.TransactGetItemsCommand({ TransactItems: [
      { Get: { TableName: 'events', Key: { id: { S: 't2' }, at: { N: '1' } } } },
      { Get: { TableName: 'events', Key: { id: { S: 't' }, at: { N: '1' } } } },
      { Get: { TableName: 'events', Key: { id: { S: 'b' }, at: { N: '0' } } } }] }));
    assert.deepEqual(got.Responses.map(r => r.Item ? r.Item.id.S : null), [null, 't', null]);
  });

  await check('TransactWriteItems: Update and ConditionCheck; a failed condition cancels all, reasons in request order', async () => {
    const key = { id: { S: 'tx' }, at: { N: '1' } };
    await send(new ddb.TransactWriteItemsCommand({ TransactItems: [
      { Update: { TableName: 'events', Key: key, UpdateExpression: 'SET n = :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
      { ConditionCheck: { TableName: 'events', Key: { id: { S: 'b' }, at: { N: '5' } }, ConditionExpression: 'attribute_exists(id)' } }] }));
    let got = await send(new ddb.GetItemCommand({ TableName: 'events', Key: key }));
    assert.deepEqual(got.Item, { id: { S: 'tx' }, at: { N: '1' }, n: { N: '1' } });
    const e = await failure(send(new ddb.TransactWriteItemsCommand({ TransactItems: [
      { Update: { TableName: 'events', Key: key, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
      { Put: { TableName: 'events', Item: { id: { S: 'tx2' }, at: { N: '1' } } } },
      { ConditionCheck: { TableName: 'events', Key: { id: { S: 'b' }, at: { N: '6' } }, ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } }] })));
    assert.equal(e.name, 'TransactionCanceledException');
    assert.equal(e.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]');
    assert.deepEqual(e.error.CancellationReasons.map(r => r.Code), ['None', 'None', 'ConditionalCheckFailed']);
    assert.deepEqual(e.error.CancellationReasons[2].Item, { id: { S: 'b' }, at: { N: '6' } });
    got = await send(new ddb.GetItemCommand({ TableName: 'events', Key: key }));
    assert.equal(got.Item.n.N, '1'); // nothing of the cancelled transaction was applied
    assert.equal((await send(new ddb.GetItemCommand({ TableName: 'events', Key: { id: { S: 'tx2' }, at: { N: '1' } } }))).Item, undefined);
    const m = await failure(send(new ddb.TransactWriteItemsCommand({ TransactItems: [
      { ConditionCheck: { TableName: 'events', Key: key } }] })));
    assert.equal(m.name, 'ValidationException');
    await send(new ddb.DeleteItemCommand({ TableName: 'events', Key: key }));
  });

  await check('Streams API: ListStreams, DescribeStream, GetShardIterator (all four types), GetRecords', async () => {
    const sc = new streams.DynamoDBStreamsClient({
      endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1',
      credentials: { accessKeyId: 'orderlab', secretAccessKey: 'orderlab' }, maxAttempts: 1 });
    const listed = await sc.send(new streams.ListStreamsCommand({ TableName: 'events' }));
    assert.equal(listed.Streams.length, 1);
    const arn = listed.Streams[0].StreamArn;
    assert.equal(listed.Streams[0].TableName, 'events');
    const all = await sc.send(new streams.ListStreamsCommand({}));
    assert.ok(all.Streams.some(s => s.TableName === 'orders'));
    const d = (await sc.send(new streams.DescribeStreamCommand({ StreamArn: arn }))).StreamDescription;
    assert.equal(d.StreamStatus, 'ENABLED');
    assert.equal(d.StreamViewType, 'NEW_IMAGE');
    assert.equal(d.Shards.length, 1);
    assert.match(d.Shards[0].SequenceNumberRange.StartingSequenceNumber, /^\d{21}$/);
    const shard = d.Shards[0].ShardId;
    const it = (await sc.send(new streams.GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const first = await sc.send(new streams.GetRecordsCommand({ ShardIterator: it, Limit: 2 }));
    assert.equal(first.Records.length, 2);
    assert.equal(first.Records[0].eventName, 'INSERT');
    assert.equal(first.Records[0].eventSource, 'aws:dynamodb');
    assert.deepEqual(first.Records[0].dynamodb.Keys, { id: { S: 'a' }, at: { N: '1' } });
    assert.equal(first.Records[0].dynamodb.StreamViewType, 'NEW_IMAGE');
    assert.ok(first.Records[0].dynamodb.NewImage);
    assert.equal(first.Records[1].eventName, 'MODIFY');
    const next = await sc.send(new streams.GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 1 }));
    assert.equal(next.Records[0].eventName, 'REMOVE');
    const seq = first.Records[1].dynamodb.SequenceNumber;
    const at = (await sc.send(new streams.GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: seq }))).ShardIterator;
    assert.equal((await sc.send(new streams.GetRecordsCommand({ ShardIterator: at, Limit: 1 }))).Records[0].dynamodb.SequenceNumber, seq);
    const after = (await sc.send(new streams.GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seq }))).ShardIterator;
    assert.equal((await sc.send(new streams.GetRecordsCommand({ ShardIterator: after, Limit: 1 }))).Records[0].eventName, 'REMOVE');
    const latest = (await sc.send(new streams.GetShardIteratorCommand({ StreamArn: arn, ShardId: shard, ShardIteratorType: 'LATEST' }))).ShardIterator;
    assert.equal((await sc.send(new streams.GetRecordsCommand({ ShardIterator: latest }))).Records.length, 0);
    const e = await failure(sc.send(new streams.DescribeStreamCommand({ StreamArn: arn + 'x' })));
    assert.equal(e.name, 'ResourceNotFoundException');
    sc.destroy();
  });

  await check('UpdateTable, tags, TTL', async () => {
    const u = await send(new ddb.UpdateTableCommand({ TableName: 'prov', ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 9 } }));
    assert.equal(u.TableDescription.ProvisionedThroughput.ReadCapacityUnits, 9);
    const s = await send(new ddb.UpdateTableCommand({ TableName: 'prov', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }));
    assert.ok(s.TableDescription.LatestStreamArn);
    const arn = s.TableDescription.TableArn;
    await send(new ddb.TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'team', Value: 'pizza' }, { Key: 'x', Value: '1' }] }));
    await send(new ddb.UntagResourceCommand({ ResourceArn: arn, TagKeys: ['x'] }));
    const tags = await send(new ddb.ListTagsOfResourceCommand({ ResourceArn: arn }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'pizza' }]);
    const ttl = await send(new ddb.UpdateTimeToLiveCommand({ TableName: 'prov', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    assert.deepEqual(ttl.TimeToLiveSpecification, { Enabled: true, AttributeName: 'expires' });
    const d = await send(new ddb.DescribeTimeToLiveCommand({ TableName: 'prov' }));
    assert.deepEqual(d.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    const e = await failure(send(new ddb.UpdateTimeToLiveCommand({ TableName: 'prov', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } })));
    assert.equal(e.message, 'TimeToLive is already enabled');
  });

  await check('DeleteTable, then the table is gone', async () => {
    const out = await send(new ddb.DeleteTableCommand({ TableName: 'prov' }));
    assert.equal(out.TableDescription.TableStatus, 'DELETING');
    const e = await failure(send(new ddb.DescribeTableCommand({ TableName: 'prov' })));
    assert.equal(e.name, 'ResourceNotFoundException');
    const orders = await failure(send(new ddb.DeleteTableCommand({ TableName: 'orders' })));
    assert.equal(orders.name, 'ValidationException');
  });

  await check('raw protocol: headers, malformed JSON, unknown target, wrong content type', async () => {
    const post = (target, body, type = 'application/x-amz-json-1.0') => fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST', headers: { 'content-type': type, 'x-amz-target': target, authorization: 'AWS4-HMAC-SHA256 Credential=x/20250101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00' }, body });
    let r = await post('DynamoDB_20120810.ListTables', '{}');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('x-amzn-requestid'), /^[A-Z0-9]{52}$/);
    const text = await r.text();
    assert.ok(r.headers.get('x-amz-crc32'));
    r = await post('DynamoDB_20120810.ListTables', '{"Limit":');
    assert.equal(r.status, 400);
    assert.equal((await r.json()).__type, 'com.amazonaws.dynamodb.v20120810#SerializationException');
    r = await post('DynamoDB_20120810.Nope', '{}');
    assert.equal(r.status, 400);
    assert.equal((await r.json()).__type, 'com.amazonaws.dynamodb.v20120810#UnknownOperationException');
    r = await post('DynamoDB_20120810.ListTables', '{}', 'text/plain');
    assert.equal(r.status, 400);
    assert.ok(text.includes('TableNames'));
  });

  await check('the chain: SDK PutItem and UpdateItem on orders reach the handler, the cache, new-order and status-updated subscribers', async () => {
    const provider = new m.MomentoLocalProvider({ hostname: '127.0.0.1', port: momentoPort });
    const cache = await m.CacheClient.create({
      configuration: m.Configurations.Laptop.latest(), credentialProvider: provider, defaultTtlSeconds: 60 });
    const topics = new m.TopicClient({ configuration: m.TopicConfigurations.Default.latest(), credentialProvider: provider });
    const got = [];
    const sub = await topics.subscribe('pizza', 'new-order', { onItem: i => got.push(i.valueString()), onError: () => {} });
    await sleep(300);
    await doc.send(new lib.PutCommand({ TableName: 'orders', Item: {
      pk: 'sdk-1', createdAt: new Date().toISOString(), status: 'PLACED', numItems: 1,
      items: [{ name: 'margherita', size: 'L', price: 12.5 }], creator: 'sdk' } }));
    for (let i = 0; i < 100 && !got.some(g => g.includes('sdk-1')); i += 1) await sleep(100);
    sub.unsubscribe();
    assert.ok(got.some(g => g.includes('sdk-1')), `no new-order for sdk-1: ${JSON.stringify(got)}`);
    const hit = await cache.get('pizza', 'sdk-1');
    assert.ok(hit instanceof m.CacheGet.Hit, hit.toString());
    assert.ok(hit.valueString().includes('margherita'));
    const updates = [];
    const sub2 = await topics.subscribe('pizza', 'sdk-1-status-updated', { onItem: i => updates.push(i.valueString()), onError: () => {} });
    await sleep(300);
    await doc.send(new lib.UpdateCommand({ TableName: 'orders', Key: { pk: 'sdk-1' }, UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'BAKING' } }));
    for (let i = 0; i < 100 && updates.length === 0; i += 1) await sleep(100);
    sub2.unsubscribe();
    assert.ok(updates.length > 0, 'no sdk-1-status-updated after an SDK UpdateItem');
    cache.close();
    topics.close && topics.close();
  });

  await indexConformance({ client, check, failure });
  await partiqlConformance({ client, check, failure });
  await secretsManagerConformance({ port, check, failure });

  client.destroy();
  child.kill('SIGTERM');
  const code = await new Promise(r => child.on('exit', r));
  if (code !== 0) { failures += 1; console.log(`not ok ${count + 1} - orderlab serve exited with ${code}`); }
  console.log(`${count - failures} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
})().catch(e => { console.log(`not ok - ${e.stack || e}`); process.exit(1); });
