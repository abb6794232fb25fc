// PartiQL through the official @aws-sdk/client-dynamodb and lib-dynamodb (docs/dynamodb-partiql.md): the
// conformance section conformance.js runs once `orderlab serve` is up. ExecuteStatementCommand with INSERT,
// SELECT (a query, a scan paged by NextToken, a projection), UPDATE and DELETE; the document client's
// marshalled Parameters; the errors the SDK surfaces (names, texts, the Item of a failed condition);
// BatchExecuteStatementCommand; and ExecuteTransactionCommand (writes all or nothing with CancellationReasons,
// reads in order, ClientRequestToken).
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
    ] }));
    assert.deepEqual(out.Responses[0], { TableName: 'pqt' });
    assert.equal(out.Responses[1].Error.Code, 'DuplicateItem');
    assert.equal(out.Responses[1].Error.Message, 'Duplicate primary key exists in table');
    const read = await send(new ddb.BatchExecuteStatementCommand({ Statements: [
      { Statement: `SELECT v FROM pqt WHERE id = ? AND at = ?`, Parameters: [{ S: 'b' }, { N: '4' }] },
    ] }));
    assert.deepEqual(read.Responses[0], { TableName: 'pqt', Item: { v: { S: 'v4' } } });
  });

  await check('PartiQL BatchExecuteStatement: a mixed batch refused whole; ConsumedCapacity per table', async () => {
    const e = await failure(send(new ddb.BatchExecuteStatementCommand({ Statements: [
      { Statement: `SELECT * FROM pqt WHERE id = 'b' AND at = 2` },
      { Statement: `INSERT INTO pqt VALUE {'id': 'mixed', 'at': 1}` },
    ] })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'Read and write requests together in the same batch is not supported.');
    const out = await send(new ddb.BatchExecuteStatementCommand({ ReturnConsumedCapacity: 'TOTAL', Statements: [
      { Statement: `SELECT v FROM pqt WHERE id = 'b' AND at = 2`, ConsistentRead: true },
      { Statement: `SELECT v FROM pqt WHERE id = 'b' AND at = 4` },
    ] }));
    assert.deepEqual(out.ConsumedCapacity, [{ TableName: 'pqt', CapacityUnits: 1.5, ReadCapacityUnits: 1.5 }]);
  });

  const transact = (statements, extra) => send(new ddb.ExecuteTransactionCommand({
    TransactStatements: statements.map(s => (typeof s === 'string' ? { Statement: s } : s)), ...extra }));

  await check('PartiQL ExecuteTransaction: writes together, reads in order, ConsumedCapacity', async () => {
    const out = await transact([
      `INSERT INTO pqt VALUE {'id': 'tx', 'at': 1, 'n': 1}`,
      { Statement: `UPDATE pqt SET v = ? WHERE id = 'b' AND at = 2`, Parameters: [{ S: 'in-tx' }] },
      `EXISTS(SELECT * FROM pqt WHERE id = 'b' AND at = 4 AND v = 'v4')`,
    ], { ReturnConsumedCapacity: 'TOTAL' });
    assert.deepEqual(out.ConsumedCapacity, [{ TableName: 'pqt', CapacityUnits: 6, WriteCapacityUnits: 6 }]);
    const read = await doc.send(new lib.ExecuteTransactionCommand({ TransactStatements: [
      { Statement: `SELECT v FROM pqt WHERE id = ? AND at = ?`, Parameters: ['b', 2] },
      { Statement: `SELECT * FROM pqt WHERE id = 'nobody' AND at = 1` },
      { Statement: `SELECT n FROM pqt WHERE id = 'tx' AND at = 1` },
    ] }));
    assert.deepEqual(read.Responses, [{ Item: { v: 'in-tx' } }, {}, { Item: { n: 1 } }]);
  });

  await check('PartiQL ExecuteTransaction: a failure cancels every write, reasons in request order', async () => {
    const e = await failure(transact([
      `UPDATE pqt SET n = 2 WHERE id = 'tx' AND at = 1`,
      { Statement: `DELETE FROM pqt WHERE id = 'b' AND at = 2 AND v = 'other'`, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      `INSERT INTO pqt VALUE {'id': 'b', 'at': 4}`,
    ]));
    assert.equal(e.name, 'TransactionCanceledException');
    assert.equal(e.message, 'Transaction cancelled, please refer cancellation reasons for specific reasons '
      + '[None, ConditionalCheckFailed, ValidationError]');
    assert.ok(e.error instanceof ddb.TransactionCanceledException);
    assert.deepEqual(e.error.CancellationReasons.map(r => r.Code), ['None', 'ConditionalCheckFailed', 'ValidationError']);
    assert.deepEqual(e.error.CancellationReasons[1].Item, { id: { S: 'b' }, at: { N: '2' }, v: { S: 'in-tx' } });
    assert.equal(e.error.CancellationReasons[2].Message, 'Duplicate primary key exists in table');
    const tx = (await doc.send(new lib.GetCommand({ TableName: 'pqt', Key: { id: 'tx', at: 1 } }))).Item;
    assert.equal(tx.n, 1);
  });

  await check('PartiQL ExecuteTransaction: ClientRequestToken; reads and writes not mixed; DynamoDB texts', async () => {
    const once = [`INSERT INTO pqt VALUE {'id': 'tok', 'at': 1}`];
    await transact(once, { ClientRequestToken: 'partiql-token-1' });
    await run(`DELETE FROM pqt WHERE id = 'tok' AND at = 1`);
    await transact(once, { ClientRequestToken: 'partiql-token-1' }); // a retry: answered, not run again
    assert.equal((await doc.send(new lib.GetCommand({ TableName: 'pqt', Key: { id: 'tok', at: 1 } }))).Item, undefined);
    let e = await failure(transact([`INSERT INTO pqt VALUE {'id': 'tok', 'at': 2}`], { ClientRequestToken: 'partiql-token-1' }));
    assert.equal(e.name, 'IdempotentParameterMismatchException');
    e = await failure(transact([`SELECT * FROM pqt WHERE id = 'b' AND at = 2`, `INSERT INTO pqt VALUE {'id': 'm', 'at': 1}`]));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'ExecuteTransaction API does not support both read and write operations in the same request.');
    e = await failure(transact([`SELECT * FROM pqt WHERE id = 'b'`]));
    assert.equal(e.message, 'Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction '
      + 'must specify the primary key in the where clause.');
    e = await failure(transact([`UPDATE pqt SET n = 1 WHERE id = 'b' AND at = 2`, `DELETE FROM pqt WHERE id = 'b' AND at = 2`]));
    assert.equal(e.message, 'Transaction request cannot include multiple operations on one item');
    e = await failure(run(`EXISTS(SELECT * FROM pqt WHERE id = 'b' AND at = 2 AND v = 'x')`));
    assert.equal(e.message, 'EXISTS can only be used in ExecuteTransaction write requests.');
  });
};
