// Secondary indexes through the official @aws-sdk/client-dynamodb and lib-dynamodb (docs/dynamodb-indexes.md):
// the conformance section conformance.js runs once `orderlab serve` is up. CreateTable with a GSI and an LSI,
// DescribeTable, Query and Scan with IndexName (the SDK paginators follow LastEvaluatedKey), what a GSI
// refuses, UpdateTable's Create (with its fill) and Delete, and item collections: ReturnItemCollectionMetrics
// and the limit (conformance.js starts serve with --item-collection-limit-bytes 100000).
'use strict';
const assert = require('assert/strict');
const ddb = require('@aws-sdk/client-dynamodb');
const lib = require('@aws-sdk/lib-dynamodb');

module.exports = async function indexConformance({ client, check, failure }) {
  const send = c => client.send(c);
  const doc = lib.DynamoDBDocumentClient.from(client);

  await check('CreateTable with a GSI (INCLUDE) and an LSI (KEYS_ONLY); DescribeTable describes both', async () => {
    const out = await send(new ddb.CreateTableCommand({
      TableName: 'shops', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'N' },
        { AttributeName: 'city', AttributeType: 'S' }, { AttributeName: 'rating', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byCity',
        KeySchema: [{ AttributeName: 'city', KeyType: 'HASH' }, { AttributeName: 'rating', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] } }],
      LocalSecondaryIndexes: [{ IndexName: 'byRating',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'rating', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'KEYS_ONLY' } }],
    }));
    const g = out.TableDescription.GlobalSecondaryIndexes[0];
    assert.equal(g.IndexStatus, 'ACTIVE');
    assert.equal(g.IndexArn, 'arn:aws:dynamodb:us-east-1:000000000000:table/shops/index/byCity');
    assert.deepEqual(g.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['name'] });
    const l = out.TableDescription.LocalSecondaryIndexes[0];
    assert.equal(l.IndexName, 'byRating');
    assert.equal(l.IndexStatus, undefined);
    assert.equal(out.TableDescription.AttributeDefinitions.length, 4);
  });

  await check('Query and Scan with IndexName: index order, paginators across LastEvaluatedKey, sparse', async () => {
    const shops = [['a', 1, 'Oslo', 4.5], ['b', 1, 'Oslo', 3], ['c', 1, 'Oslo', 4.5], ['d', 1, 'Bergen', 5]];
    for (const [id, at, city, rating] of shops)
      await doc.send(new lib.PutCommand({ TableName: 'shops', Item: { id, at, city, rating, name: `shop ${id}`, owner: 'x' } }));
    await doc.send(new lib.PutCommand({ TableName: 'shops', Item: { id: 'e', at: 1, name: 'no city' } }));
    const ids = [];
    for await (const page of lib.paginateQuery({ client: doc, pageSize: 1 }, { TableName: 'shops', IndexName: 'byCity',
      KeyConditionExpression: 'city = :c', ExpressionAttributeValues: { ':c': 'Oslo' } })) {
      ids.push(...page.Items.map(i => i.id));
      if (page.LastEvaluatedKey) assert.deepEqual(Object.keys(page.LastEvaluatedKey).sort(), ['at', 'city', 'id', 'rating']);
    }
    assert.deepEqual(ids, ['b', 'a', 'c']);
    const top = await doc.send(new lib.QueryCommand({ TableName: 'shops', IndexName: 'byCity', ScanIndexForward: false,
      KeyConditionExpression: 'city = :c AND rating > :r', ExpressionAttributeValues: { ':c': 'Oslo', ':r': 4 } }));
    assert.deepEqual(top.Items.map(i => i.id), ['c', 'a']);
    assert.deepEqual(Object.keys(top.Items[0]).sort(), ['at', 'city', 'id', 'name', 'rating']);
    const scanned = await doc.send(new lib.ScanCommand({ TableName: 'shops', IndexName: 'byCity' }));
    assert.equal(scanned.Count, 4); // e has no city
    const local = await doc.send(new lib.QueryCommand({ TableName: 'shops', IndexName: 'byRating',
      KeyConditionExpression: 'id = :i', ProjectionExpression: '#o', ExpressionAttributeNames: { '#o': 'owner' },
      ExpressionAttributeValues: { ':i': 'a' } }));
    assert.deepEqual(local.Items, [{ owner: 'x' }]); // an LSI reads what it does not project from the table
  });

  await check('what a GSI refuses: ALL_ATTRIBUTES, unprojected attributes, ConsistentRead, an unknown index, a wrong index key type', async () => {
    const query = extra => send(new ddb.QueryCommand({ TableName: 'shops', IndexName: 'byCity',
      KeyConditionExpression: 'city = :c', ExpressionAttributeValues: { ':c': { S: 'Oslo' } }, ...extra }));
    let e = await failure(query({ Select: 'ALL_ATTRIBUTES' }));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported ' +
      'for global secondary index byCity because its projection type is not ALL');
    e = await failure(query({ ProjectionExpression: '#o', ExpressionAttributeNames: { '#o': 'owner' } }));
    assert.equal(e.message, 'One or more parameter values were invalid: Global secondary index byCity does not project [owner]');
    e = await failure(query({ ConsistentRead: true }));
    assert.equal(e.message, 'Consistent reads are not supported on global secondary indexes');
    e = await failure(send(new ddb.ScanCommand({ TableName: 'shops', IndexName: 'nope' })));
    assert.equal(e.message, 'The table does not have the specified index: nope');
    e = await failure(send(new ddb.PutItemCommand({ TableName: 'shops',
      Item: { id: { S: 'f' }, at: { N: '1' }, city: { N: '1' } } })));
    assert.equal(e.message, 'One or more parameter values were invalid: Type mismatch for Index Key city Expected: S ' +
      'Actual: N IndexName: byCity');
  });

  await check('UpdateTable: Create fills the new GSI, Delete drops it; one Create or Delete per call', async () => {
    const out = await send(new ddb.UpdateTableCommand({ TableName: 'shops',
      AttributeDefinitions: [{ AttributeName: 'name', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byName',
        KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }] }));
    const created = out.TableDescription.GlobalSecondaryIndexes.find(i => i.IndexName === 'byName');
    assert.equal(created.IndexStatus, 'ACTIVE');
    assert.equal(created.ItemCount, 5);
    const found = await doc.send(new lib.QueryCommand({ TableName: 'shops', IndexName: 'byName',
      KeyConditionExpression: '#n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': 'no city' } }));
    assert.deepEqual(found.Items, [{ id: 'e', at: 1, name: 'no city' }]);
    const e = await failure(send(new ddb.UpdateTableCommand({ TableName: 'shops', GlobalSecondaryIndexUpdates: [
      { Delete: { IndexName: 'byName' } }, { Delete: { IndexName: 'byCity' } }] })));
    assert.equal(e.name, 'LimitExceededException');
    await send(new ddb.UpdateTableCommand({ TableName: 'shops', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byName' } }] }));
    const d = (await send(new ddb.DescribeTableCommand({ TableName: 'shops' }))).Table;
    assert.deepEqual(d.GlobalSecondaryIndexes.map(i => i.IndexName), ['byCity']);
  });

  await check('item collections (serve --item-collection-limit-bytes 100000): ReturnItemCollectionMetrics SIZE, ' +
    'ItemCollectionSizeLimitExceededException, a refused batch writes nothing', async () => {
    const fill = n => ({ S: 'x'.repeat(n) });
    const put = await send(new ddb.PutItemCommand({ TableName: 'shops', ReturnItemCollectionMetrics: 'SIZE',
      Item: { id: { S: 'big' }, at: { N: '1' }, rating: { N: '1' }, fill: fill(40000) } }));
    assert.deepEqual(put.ItemCollectionMetrics, { ItemCollectionKey: { id: { S: 'big' } }, SizeEstimateRangeGB: [0, 1] });
    const e = await failure(send(new ddb.PutItemCommand({ TableName: 'shops',
      Item: { id: { S: 'big' }, at: { N: '2' }, fill: fill(60000) } })));
    assert.equal(e.name, 'ItemCollectionSizeLimitExceededException');
    assert.equal(e.message, 'Collection size exceeded.');
    const batch = await failure(send(new ddb.BatchWriteItemCommand({ RequestItems: { shops: [
      { PutRequest: { Item: { id: { S: 'small' }, at: { N: '1' } } } },
      { PutRequest: { Item: { id: { S: 'big' }, at: { N: '3' }, fill: fill(60000) } } }] } })));
    assert.equal(batch.name, 'ItemCollectionSizeLimitExceededException');
    const small = await send(new ddb.GetItemCommand({ TableName: 'shops', Key: { id: { S: 'small' }, at: { N: '1' } } }));
    assert.equal(small.Item, undefined);
    const t = await failure(send(new ddb.TransactWriteItemsCommand({ TransactItems: [
      { Put: { TableName: 'shops', Item: { id: { S: 'small' }, at: { N: '1' } } } },
      { Put: { TableName: 'shops', Item: { id: { S: 'big' }, at: { N: '3' }, fill: fill(60000) } } }] })));
    assert.equal(t.name, 'TransactionCanceledException');
    assert.deepEqual(t.error.CancellationReasons.map(r => r.Code), ['None', 'ItemCollectionSizeLimitExceeded']);
    const written = await send(new ddb.BatchWriteItemCommand({ ReturnItemCollectionMetrics: 'SIZE', RequestItems: {
      shops: [{ DeleteRequest: { Key: { id: { S: 'big' }, at: { N: '1' } } } }] } }));
    assert.deepEqual(written.ItemCollectionMetrics,
      { shops: [{ ItemCollectionKey: { id: { S: 'big' } }, SizeEstimateRangeGB: [0, 1] }] });
    const bad = await failure(send(new ddb.DeleteItemCommand({ TableName: 'shops', ReturnItemCollectionMetrics: 'ALL',
      Key: { id: { S: 'big' }, at: { N: '1' } } })));
    assert.equal(bad.name, 'ValidationException');
    assert.match(bad.message, /Value 'ALL' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: \[SIZE, NONE\]/);
  });
};
