// The official @aws-sdk/client-secrets-manager against orderlab's AWS port (docs/secrets-manager.md):
// the conformance section conformance.js runs once `orderlab serve` is up. The server was started with
// `--secret app/momento-token=seeded-token`.
'use strict';
const assert = require('assert/strict');
const sm = require('@aws-sdk/client-secrets-manager');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

module.exports = async function secretsManagerConformance({ port, check, failure }) {
  const credentials = { accessKeyId: 'orderlab', secretAccessKey: 'orderlab' };
  const client = new sm.SecretsManagerClient({
    endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials, maxAttempts: 1 });
  const send = c => client.send(c);
  const names = out => out.SecretList.map(s => s.Name);

  await check('Secrets Manager: a --secret given at start, read through AWS_ENDPOINT_URL_SECRETS_MANAGER', async () => {
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${port}`;
    const viaEnv = new sm.SecretsManagerClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
    try {
      const out = await viaEnv.send(new sm.GetSecretValueCommand({ SecretId: 'app/momento-token' }));
      assert.equal(out.SecretString, 'seeded-token');
      assert.deepEqual(out.VersionStages, ['AWSCURRENT']);
      assert.ok(out.CreatedDate instanceof Date && Math.abs(out.CreatedDate - Date.now()) < 600000, String(out.CreatedDate));
      assert.match(out.ARN, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/momento-token-[A-Za-z0-9]{6}$/);
      assert.match(out.VersionId, UUID);
      assert.equal(out.$metadata.httpStatusCode, 200);
    } finally {
      viaEnv.destroy();
      delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    }
  });

  let arn = '', first = '';
  await check('Secrets Manager: CreateSecret, then GetSecretValue by name, ARN and partial ARN', async () => {
    const created = await send(new sm.CreateSecretCommand({
      Name: 'pizza/db', SecretString: '{"user":"a"}', Description: 'the db', Tags: [{ Key: 'team', Value: 'pizza' }] }));
    assert.equal(created.Name, 'pizza/db');
    assert.match(created.VersionId, UUID); // the SDK's ClientRequestToken
    arn = created.ARN;
    first = created.VersionId;
    for (const id of ['pizza/db', arn, arn.slice(0, -7)]) {
      const got = await send(new sm.GetSecretValueCommand({ SecretId: id }));
      assert.equal(got.SecretString, '{"user":"a"}');
      assert.equal(got.VersionId, first);
      assert.equal(got.ARN, arn);
      assert.equal(got.SecretBinary, undefined);
    }
  });

  await check('Secrets Manager: PutSecretValue moves AWSCURRENT and AWSPREVIOUS; VersionId and VersionStage select', async () => {
    const put = await send(new sm.PutSecretValueCommand({ SecretId: 'pizza/db', SecretString: 'v2' }));
    assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
    assert.equal(put.ARN, arn);
    assert.equal((await send(new sm.GetSecretValueCommand({ SecretId: 'pizza/db' }))).SecretString, 'v2');
    const previous = await send(new sm.GetSecretValueCommand({ SecretId: 'pizza/db', VersionStage: 'AWSPREVIOUS' }));
    assert.equal(previous.SecretString, '{"user":"a"}');
    assert.equal(previous.VersionId, first);
    const byId = await send(new sm.GetSecretValueCommand({ SecretId: 'pizza/db', VersionId: put.VersionId }));
    assert.deepEqual(byId.VersionStages, ['AWSCURRENT']);
    const binary = await send(new sm.PutSecretValueCommand({ SecretId: arn, SecretBinary: new Uint8Array([0, 1, 2, 255]) }));
    const got = await send(new sm.GetSecretValueCommand({ SecretId: 'pizza/db' }));
    assert.deepEqual([...got.SecretBinary], [0, 1, 2, 255]);
    assert.equal(got.SecretString, undefined);
    const d = await send(new sm.DescribeSecretCommand({ SecretId: 'pizza/db' }));
    assert.deepEqual(d.VersionIdsToStages, { [put.VersionId]: ['AWSPREVIOUS'], [binary.VersionId]: ['AWSCURRENT'] });
    assert.equal(d.Description, 'the db');
    assert.deepEqual(d.Tags, [{ Key: 'team', Value: 'pizza' }]);
    assert.ok(d.LastAccessedDate instanceof Date);
    assert.ok(d.CreatedDate instanceof Date && d.LastChangedDate >= d.CreatedDate);
    assert.equal(d.DeletedDate, undefined);
  });

  await check('Secrets Manager: ClientRequestToken makes PutSecretValue idempotent', async () => {
    const token = '0123456789abcdef0123456789abcdef';
    const a = await send(new sm.PutSecretValueCommand({ SecretId: 'pizza/db', SecretString: 'v3', ClientRequestToken: token }));
    const b = await send(new sm.PutSecretValueCommand({ SecretId: 'pizza/db', SecretString: 'v3', ClientRequestToken: token }));
    assert.equal(a.VersionId, token);
    assert.equal(b.VersionId, token);
    const e = await failure(send(new sm.PutSecretValueCommand({ SecretId: 'pizza/db', SecretString: 'v4', ClientRequestToken: token })));
    assert.equal(e.name, 'ResourceExistsException');
    assert.equal(e.message, "You can't modify an existing version, you can only create a new version.");
  });

  await check('Secrets Manager: ListSecrets in creation order, with filters, pages and SortOrder', async () => {
    await send(new sm.CreateSecretCommand({ Name: 'pizza/cache', SecretString: 'c' }));
    await send(new sm.CreateSecretCommand({ Name: 'other/x', SecretString: 'x', Tags: [{ Key: 'env', Value: 'prod' }] }));
    assert.deepEqual(names(await send(new sm.ListSecretsCommand({}))), ['app/momento-token', 'pizza/db', 'pizza/cache', 'other/x']);
    assert.deepEqual(names(await send(new sm.ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['pizza/'] }] }))), ['pizza/db', 'pizza/cache']);
    assert.deepEqual(names(await send(new sm.ListSecretsCommand({ Filters: [{ Key: 'tag-value', Values: ['prod'] }] }))), ['other/x']);
    assert.deepEqual(names(await send(new sm.ListSecretsCommand({ SortOrder: 'desc', Filters: [{ Key: 'name', Values: ['!app'] }] }))),
      ['other/x', 'pizza/cache', 'pizza/db']);
    const page1 = await send(new sm.ListSecretsCommand({ MaxResults: 3 }));
    assert.equal(page1.SecretList.length, 3);
    assert.ok(page1.NextToken);
    const page2 = await send(new sm.ListSecretsCommand({ MaxResults: 3, NextToken: page1.NextToken }));
    assert.deepEqual(names(page2), ['other/x']);
    assert.equal(page2.NextToken, undefined);
    const entry = page1.SecretList[1];
    assert.equal(entry.ARN, arn);
    assert.ok(entry.SecretVersionsToStages && Object.values(entry.SecretVersionsToStages).some(s => s.includes('AWSCURRENT')));
    const paginated = [];
    for await (const page of sm.paginateListSecrets({ client, pageSize: 2 }, {})) paginated.push(...names(page));
    assert.deepEqual(paginated, ['app/momento-token', 'pizza/db', 'pizza/cache', 'other/x']);
  });

  await check('Secrets Manager: errors reach the SDK with AWS names and messages', async () => {
    let e = await failure(send(new sm.GetSecretValueCommand({ SecretId: 'nope' })));
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.ok(e.error instanceof sm.ResourceNotFoundException);
    assert.equal(e.message, "Secrets Manager can't find the specified secret.");
    assert.equal(e.status, 400);
    e = await failure(send(new sm.CreateSecretCommand({ Name: 'pizza/db', SecretString: 'again' })));
    assert.equal(e.name, 'ResourceExistsException');
    assert.equal(e.message, 'The operation failed because the secret pizza/db already exists.');
    e = await failure(send(new sm.CreateSecretCommand({ Name: 'bad name', SecretString: 'x' })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
    e = await failure(send(new sm.CreateSecretCommand({ Name: 'both', SecretString: 'x', SecretBinary: new Uint8Array([1]) })));
    assert.equal(e.name, 'InvalidParameterException');
    assert.equal(e.message, "You can't specify both a binary secret value and a string secret value in the same secret.");
    e = await failure(send(new sm.GetSecretValueCommand({ SecretId: 'pizza/db', VersionStage: 'AWSPENDING' })));
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.equal(e.message, "Secrets Manager can't find the specified secret value for staging label: AWSPENDING");
    e = await failure(send(new sm.GetSecretValueCommand({ SecretId: 'pizza/db', VersionId: first, VersionStage: 'AWSCURRENT' })));
    assert.equal(e.name, 'ResourceNotFoundException'); // `first` lost its last label two writes ago
    e = await failure(send(new sm.PutSecretValueCommand({ SecretId: 'pizza/db', SecretString: 'x'.repeat(65537) })));
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.message, "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536");
    e = await failure(send(new sm.DeleteSecretCommand({ SecretId: 'pizza/db', RecoveryWindowInDays: 3 })));
    assert.equal(e.name, 'InvalidParameterException');
    assert.equal(e.message, 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    e = await failure(send(new sm.ListSecretsCommand({ Filters: [{ Key: 'colour', Values: ['x'] }] })));
    assert.equal(e.name, 'ValidationException');
  });

  await check('Secrets Manager: DeleteSecret schedules and refuses reads, RestoreSecret, ForceDeleteWithoutRecovery erases', async () => {
    const del = await send(new sm.DeleteSecretCommand({ SecretId: 'pizza/cache', RecoveryWindowInDays: 7 }));
    assert.equal(del.Name, 'pizza/cache');
    assert.ok(Math.abs(del.DeletionDate - (Date.now() + 7 * 86400000)) < 600000, String(del.DeletionDate));
    let e = await failure(send(new sm.GetSecretValueCommand({ SecretId: 'pizza/cache' })));
    assert.equal(e.name, 'InvalidRequestException');
    assert.equal(e.message, "You can't perform this operation on the secret because it was marked for deletion.");
    assert.ok((await send(new sm.DescribeSecretCommand({ SecretId: 'pizza/cache' }))).DeletedDate instanceof Date);
    assert.ok(!names(await send(new sm.ListSecretsCommand({}))).includes('pizza/cache'));
    assert.ok(names(await send(new sm.ListSecretsCommand({ IncludePlannedDeletion: true }))).includes('pizza/cache'));
    e = await failure(send(new sm.CreateSecretCommand({ Name: 'pizza/cache', SecretString: 'c' })));
    assert.equal(e.name, 'InvalidRequestException');
    assert.equal(e.message, "You can't create this secret because a secret with this name is already scheduled for deletion.");
    e = await failure(send(new sm.DeleteSecretCommand({ SecretId: 'pizza/cache' })));
    assert.equal(e.message, "You tried to perform the operation on a secret that's currently marked deleted.");
    await send(new sm.RestoreSecretCommand({ SecretId: 'pizza/cache' }));
    assert.equal((await send(new sm.GetSecretValueCommand({ SecretId: 'pizza/cache' }))).SecretString, 'c');
    const forced = await send(new sm.DeleteSecretCommand({ SecretId: 'pizza/cache', ForceDeleteWithoutRecovery: true }));
    assert.ok(forced.DeletionDate instanceof Date);
    e = await failure(send(new sm.DescribeSecretCommand({ SecretId: 'pizza/cache' })));
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.equal((await send(new sm.CreateSecretCommand({ Name: 'pizza/cache', SecretString: 'new' }))).Name, 'pizza/cache');
  });

  client.destroy();
};
