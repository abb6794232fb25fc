// PartiQL through the official @aws-sdk/client-dynamodb and lib-dynamodb (docs/dynamodb-partiql.md): the
// conformance section conformance.js runs once `orderlab serve` is up. ExecuteStatementCommand with INSERT,
// SELECT (a query, a scan paged by NextToken, a projection), UPDATE and DELETE; the document client's
// marshalled Parameters; the errors the SDK surfaces (names, texts, the Item of a failed condition); and
// BatchExecuteStatementCommand.
'use strict';
const assert = require('assert/strict');
const ddb = require('@aws-sdk/client-dynamodb');
const lib = require('@aws-sdk/lib-dynamodb');

module.exports = async function partiqlConformance({ client, check, failure }) {
  const send = c => client.send(c);
  const doc = lib.DynamoDBDocumentClient.from(client);
  const run = (Statement, Parameters, extra) => send(new ddb.ExecuteStatementCommand({ Statement, Parameters, ...extra }));

  await check('PartiQL INSERT with literals and Parameters; SELECT as a query with a projection', async () => {
    await send(new ddb.CreateTableCommand({ TableName: 'pqt', BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }] }));
    const out = await run(`INSERT INTO "pqt" VALUE {'id': 'a', 'at': 1, 'tags': <<'x', 'y'>>, 'm': {'n': [1, TRUE]}}`);
    assert.deepEqual(out.Items, []);
    for (let at = 2; at <= 5; at += 1)
      await doc.send(new lib.ExecuteStatementCommand({ Statement: `INSERT INTO pqt VALUE {'id': ?, 'at': ?, 'v': ?}`,
        Parameters: [at % 2 ? 'a' : 'b', at, `v${at}`] }));
    const got = await run(`SELECT id, at, m.n[1] FROM pqt WHERE id = ? AND at < 3`, [{ S: 'a' }]);
    assert.deepEqual(got.Items, [{ id: { S: 'a' }, at: { N: '1' }, m: { M: { n: { L: [{ BOOL: true }] } } } }]);
    const docGot = await doc.send(new lib.ExecuteStatementCommand({ Statement: `SELECT * FROM pqt WHERE id = ?`, Parameters: ['b'] }));
    assert.deepEqual(docGot.Items.map(i => i.v), ['v2', 'v4']);
  });

  await check('PartiQL SELECT as a scan: Limit and NextToken page through every item', async () => {
    const ats = [];
    let NextToken, pages = 0;
    do {
      const page = await run(`SELECT at FROM pqt`, undefined, { Limit: 2, NextToken });
      ats.push(...page.Items.map(i => Number(i.at.N)));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken && pages < 10);
    assert.deepEqual(ats.sort(), [1, 2, 3, 4, 5]);
    assert.equal(pages, 3);
  });

  await check('PartiQL UPDATE and DELETE; ReturnConsumedCapacity', async () => {
    const out = await run(`UPDATE pqt SET v = ?, n = 1 REMOVE tags WHERE id = 'a' AND at = 1`, [{ S: 'new' }],
      { ReturnConsumedCapacity: 'TOTAL' });
    assert.deepEqual(out.ConsumedCapacity, { TableName: 'pqt', CapacityUnits: 1, WriteCapacityUnits: 1 });
    const item = (await doc.send(new lib.GetCommand({ TableName: 'pqt', Key: { id: 'a', at: 1 } }))).Item;
    assert.deepEqual(item, { id: 'a', at: 1, m: { n: [1, true] }, v: 'new', n: 1 });
    await run(`DELETE FROM pqt WHERE id = 'a' AND at = 1 AND v = 'new'`);
    assert.equal((await doc.send(new lib.GetCommand({ TableName: 'pqt', Key: { id: 'a', at: 1 } }))).Item, undefined);
  });

  await check('PartiQL errors: DuplicateItemException, ConditionalCheckFailedException with Item, syntax, parameters', async () => {
    let e = await failure(run(`INSERT INTO pqt VALUE {'id': 'b', 'at': 2}`));
    assert.equal(e.name, 'DuplicateItemException');
    assert.equal(e.message, 'Duplicate primary key exists in table');
    assert.ok(e.error instanceof ddb.DuplicateItemException);
    e = await failure(run(`UPDATE pqt SET v = 'x' WHERE id = 'b' AND at = 2 AND v = 'other'`, undefined,
      { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    assert.equal(e.message, 'The conditional request failed');
    assert.deepEqual(e.error.Item, { id: { S: 'b' }, at: { N: '2' }, v: { S: 'v2' } });
    e = await failure(run(`UPDATE pqt SET v = 'x' WHERE id = 'nobody' AND at = 2`));
    assert.equal(e.name, 'ConditionalCheckFailedException');
    e = await failure(run(`DROP TABLE pqt`));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, "Statement wasn't well formed, can't be processed: Expected data manipulation");
    e = await failure(run(`SELECT * FROM pqt WHERE id = ?`));
    assert.equal(e.message, "Number of parameters in request and statement don't match.");
    e = await failure(run(`DELETE FROM pqt WHERE at = 2`));
    assert.equal(e.message, 'Where clause does not contain a mandatory equality on all key attributes');
  });

  await check('PartiQL BatchExecuteStatement: each statement answered on its own, errors by Code', async () => {
    const out = await send(new ddb.BatchExecuteStatementCommand({ Statements: [
      { Statement: `INSERT INTO pqt VALUE {'id': 'c', 'at': 1}` },
      { Statement: `INSERT INTO pqt VALUE {'id': 'b', 'at': 2}` },
      { Statement: `SELECT v FROM pqt WHERE id = ? AND at = ?`, Parameters: [{ S: 'b' }, { N: '4' }] },
    ] }));
    assert.deepEqual(out.Responses[0], { TableName: 'pqt' });
    assert.equal(out.Responses[1].Error.Code, 'DuplicateItem');
    assert.equal(out.Responses[1].Error.Message, 'Duplicate primary key exists in table');
    assert.deepEqual(out.Responses[2], { TableName: 'pqt', Item: { v: { S: 'v4' } } });
  });
};
