#!/usr/bin/env bash
# The AWS CLI (Debian 12's awscli, 2.9) against `orderlab serve --dynamodb-port 0`: tables, items, reads with the
# CLI's own pagination, batches, transactions, TTL (a delete seen through the Streams API), secondary indexes,
# PartiQL's execute-statement, and error texts.
# usage: awscli.sh ORDERLAB_BINARY. Exit 77 (skipped, with a message) where no AWS CLI is found; the CLI is
# $ORDERLAB_AWS_CLI, else /usr/bin/aws (Debian's), else `aws` on PATH. Prints TAP-like lines; exit 0 only if all passed.
set -uo pipefail
orderlab=$1
cli=${ORDERLAB_AWS_CLI:-}
if [ -z "$cli" ]; then
  if [ -x /usr/bin/aws ]; then cli=/usr/bin/aws; else cli=$(command -v aws || true); fi
fi
if [ -z "$cli" ] || ! "$cli" --version >/dev/null 2>&1; then
  echo "SKIPPED: the AWS CLI is needed for this test (apt-get install --no-install-recommends awscli)"
  exit 77
fi

tmp=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# Dummy credentials and settings in files of our own, so nothing of the user's ~/.aws is read.
export HOME=$tmp AWS_CONFIG_FILE=$tmp/config AWS_SHARED_CREDENTIALS_FILE=$tmp/credentials
printf '[default]\nregion = us-east-1\noutput = json\ncli_pager =\n' >"$AWS_CONFIG_FILE"
printf '[default]\naws_access_key_id = orderlab\naws_secret_access_key = orderlab\n' >"$AWS_SHARED_CREDENTIALS_FILE"
export AWS_ACCESS_KEY_ID=orderlab AWS_SECRET_ACCESS_KEY=orderlab AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
export AWS_PAGER= AWS_EC2_METADATA_DISABLED=true AWS_CLI_AUTO_PROMPT=off
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL

"$orderlab" serve --momento-port 0 --dynamodb-port 0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's/^dynamodb listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/serve.out")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "not ok 1 - orderlab serve did not print 'dynamodb listening on ...'"
  cat "$tmp/serve.err"
  exit 1
fi
echo "# $("$cli" --version 2>&1) against 127.0.0.1:$port"
endpoint=(--endpoint-url "http://127.0.0.1:$port")
ddb() { "$cli" dynamodb "${endpoint[@]}" "$@"; }
streams() { "$cli" dynamodbstreams "${endpoint[@]}" "$@"; }

count=0 failures=0
# check NAME EXPECTED ACTUAL
check() {
  count=$((count + 1))
  if [ "$2" == "$3" ]; then
    echo "ok $count - $1"
  else
    failures=$((failures + 1))
    printf 'not ok %s - %s\n  expected: %s\n  actual:   %s\n' "$count" "$1" "$2" "$3"
  fi
}
# the error text a failing command prints (stderr), and that it failed
fails() {
  if "$@" >"$tmp/out" 2>"$tmp/err"; then echo "(the command succeeded)"; else tr -d '\n' <"$tmp/err" | sed 's/^ *//'; fi
}

check "create-table" "ACTIVE" "$(ddb create-table --table-name cli \
  --attribute-definitions AttributeName=id,AttributeType=S AttributeName=at,AttributeType=N \
  --key-schema AttributeName=id,KeyType=HASH AttributeName=at,KeyType=RANGE --billing-mode PAY_PER_REQUEST \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES \
  --query TableDescription.TableStatus --output text 2>&1)"
check "describe-table" "cli	ACTIVE	2	NEW_AND_OLD_IMAGES" "$(ddb describe-table --table-name cli \
  --query '[Table.TableName, Table.TableStatus, length(Table.KeySchema), Table.StreamSpecification.StreamViewType]' \
  --output text 2>&1)"
# A paginated command applies --query to each page in text output, to the whole result in JSON: JSON, compacted.
compact() { tr -d ' \n'; }
check "list-tables, the CLI following LastEvaluatedTableName one table a page" '["cli","orders"]' \
  "$(ddb list-tables --page-size 1 --query 'TableNames' --output json 2>&1 | compact)"

check "put-item" "" "$(ddb put-item --table-name cli --item '{"id":{"S":"a"},"at":{"N":"1"},"v":{"N":"5"}}' 2>&1)"
check "get-item" "5" "$(ddb get-item --table-name cli --key '{"id":{"S":"a"},"at":{"N":"1"}}' --consistent-read \
  --query Item.v.N --output text 2>&1)"
check "update-item with an UpdateExpression" "7" "$(ddb update-item --table-name cli \
  --key '{"id":{"S":"a"},"at":{"N":"1"}}' --update-expression 'SET v = v + :d' \
  --expression-attribute-values '{":d":{"N":"2"}}' --return-values UPDATED_NEW --query Attributes.v.N --output text 2>&1)"
check "update-item with the legacy AttributeUpdates" "9	hot" "$(ddb update-item --table-name cli \
  --key '{"id":{"S":"a"},"at":{"N":"1"}}' \
  --attribute-updates '{"v":{"Action":"ADD","Value":{"N":"2"}},"tags":{"Action":"ADD","Value":{"SS":["hot"]}}}' \
  --return-values ALL_NEW --query '[Attributes.v.N, Attributes.tags.SS[0]]' --output text 2>&1)"

requests=""
for i in $(seq 0 24); do
  requests+="${requests:+,}{\"PutRequest\":{\"Item\":{\"id\":{\"S\":\"b\"},\"at\":{\"N\":\"$i\"}}}}"
done
echo "{\"cli\":[$requests]}" >"$tmp/batch.json"
check "batch-write-item of 25 puts" "0" "$(ddb batch-write-item --request-items "file://$tmp/batch.json" \
  --query 'length(UnprocessedItems)' --output text 2>&1)"

check "query with a key condition" '[3,["9","10","11"]]' "$(ddb query --table-name cli \
  --key-condition-expression 'id = :id AND #at BETWEEN :lo AND :hi' --expression-attribute-names '{"#at":"at"}' \
  --expression-attribute-values '{":id":{"S":"b"},":lo":{"N":"9"},":hi":{"N":"11"}}' \
  --query '[Count, Items[].at.N]' --output json 2>&1 | compact)"
check "query, the CLI paging 4 items at a time" "[25,25]" "$(ddb query --table-name cli --page-size 4 \
  --key-condition-expression 'id = :id' --expression-attribute-values '{":id":{"S":"b"}}' \
  --query '[length(Items), Count]' --output json 2>&1 | compact)"
check "scan, the CLI paging 5 items at a time" "[26,26]" "$(ddb scan --table-name cli --page-size 5 \
  --query '[length(Items), Count]' --output json 2>&1 | compact)"
token=$(ddb scan --table-name cli --page-size 4 --max-items 10 --query NextToken --output json 2>&1 | tr -d '"\n ')
check "scan --max-items gives a NextToken" "yes" "$([ -n "$token" ] && [ "$token" != null ] && echo yes || echo "$token")"
check "scan --starting-token continues where --max-items stopped" "16" "$(ddb scan --table-name cli --page-size 4 \
  --starting-token "$token" --query 'length(Items)' --output json 2>&1 | compact)"
check "scan with a legacy ScanFilter" "[2,26]" "$(ddb scan --table-name cli \
  --scan-filter '{"at":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"3"},{"N":"4"}]}}' \
  --query '[Count, ScannedCount]' --output json 2>&1 | compact)"

cat >"$tmp/transact.json" <<'JSON'
[{"Put":{"TableName":"cli","Item":{"id":{"S":"t"},"at":{"N":"1"},"v":{"N":"1"}},"ConditionExpression":"attribute_not_exists(id)"}},
 {"Update":{"TableName":"cli","Key":{"id":{"S":"a"},"at":{"N":"1"}},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"N":"100"}}}},
 {"ConditionCheck":{"TableName":"cli","Key":{"id":{"S":"b"},"at":{"N":"0"}},"ConditionExpression":"attribute_exists(id)"}}]
JSON
check "transact-write-items" "" "$(ddb transact-write-items --transact-items "file://$tmp/transact.json" 2>&1)"
check "transact-write-items applied every member" "1 100" "$(ddb get-item --table-name cli \
  --key '{"id":{"S":"t"},"at":{"N":"1"}}' --query Item.v.N --output text 2>&1) $(ddb get-item --table-name cli \
  --key '{"id":{"S":"a"},"at":{"N":"1"}}' --query Item.v.N --output text 2>&1)"
check "transact-write-items cancelled: the CLI's text, reasons in request order" \
  "An error occurred (TransactionCanceledException) when calling the TransactWriteItems operation: Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None, None]" \
  "$(fails ddb transact-write-items --transact-items "file://$tmp/transact.json")"

check "delete-item returns the old item" "100" "$(ddb delete-item --table-name cli \
  --key '{"id":{"S":"a"},"at":{"N":"1"}}' --return-values ALL_OLD --query Attributes.v.N --output text 2>&1)"
check "get-item of the deleted item" "None" "$(ddb get-item --table-name cli --key '{"id":{"S":"a"},"at":{"N":"1"}}' \
  --query Item --output text 2>&1)"

check "error: an unknown table" \
  "An error occurred (ResourceNotFoundException) when calling the GetItem operation: Cannot do operations on a non-existent table" \
  "$(fails ddb get-item --table-name nope --key '{"id":{"S":"a"}}')"
check "error: a failed condition" \
  "An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed" \
  "$(fails ddb put-item --table-name cli --item '{"id":{"S":"t"},"at":{"N":"1"}}' --condition-expression 'attribute_not_exists(id)')"
check "error: a validation text" \
  "An error occurred (ValidationException) when calling the PutItem operation: One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator" \
  "$(fails ddb put-item --table-name cli --item '{"id":{"S":"t"},"at":{"N":"1"}}' --expected '{"v":{"ComparisonOperator":"EQ","AttributeValueList":[]}}')"

check "update-time-to-live" "True	expires" "$(ddb update-time-to-live --table-name cli \
  --time-to-live-specification Enabled=true,AttributeName=expires \
  --query '[TimeToLiveSpecification.Enabled, TimeToLiveSpecification.AttributeName]' --output text 2>&1)"
check "describe-time-to-live" "ENABLED" "$(ddb describe-time-to-live --table-name cli \
  --query TimeToLiveDescription.TimeToLiveStatus --output text 2>&1)"
past=$(($(date +%s) - 60))
ddb put-item --table-name cli --item "{\"id\":{\"S\":\"ttl\"},\"at\":{\"N\":\"1\"},\"expires\":{\"N\":\"$past\"}}" >/dev/null 2>&1

arn=$(streams list-streams --table-name cli --query 'Streams[0].StreamArn' --output text 2>&1)
check "dynamodbstreams list-streams" "yes" "$(case "$arn" in arn:aws:dynamodb:us-east-1:*:table/cli/stream/*) echo yes ;; *) echo "$arn" ;; esac)"
shard=$(streams describe-stream --stream-arn "$arn" --query 'StreamDescription.Shards[0].ShardId' --output text 2>&1)
check "dynamodbstreams describe-stream" "ENABLED	NEW_AND_OLD_IMAGES	1" "$(streams describe-stream --stream-arn "$arn" \
  --query '[StreamDescription.StreamStatus, StreamDescription.StreamViewType, length(StreamDescription.Shards)]' --output text 2>&1)"
iterator=$(streams get-shard-iterator --stream-arn "$arn" --shard-id "$shard" --shard-iterator-type TRIM_HORIZON \
  --query ShardIterator --output text 2>&1)
check "dynamodbstreams get-records: the first record" "INSERT	a	aws:dynamodb" "$(streams get-records \
  --shard-iterator "$iterator" --limit 1 --query 'Records[0].[eventName, dynamodb.Keys.id.S, eventSource]' --output text 2>&1)"
# The TTL sweep runs every second of serve's (real) clock: wait for its REMOVE, at most 20 tries.
# The Streams API's model spells the identity's members Type and PrincipalId.
ttl=
for _ in $(seq 1 20); do
  ttl=$(streams get-records --shard-iterator "$iterator" --limit 1000 \
    --query "Records[?eventName=='REMOVE' && dynamodb.Keys.id.S=='ttl'] | [0].[userIdentity.Type, userIdentity.PrincipalId]" \
    --output text 2>&1)
  [ "$ttl" != None ] && [ -n "$ttl" ] && break
  sleep 1
done
check "dynamodbstreams get-records: the TTL delete, made by the service" "Service	dynamodb.amazonaws.com" "$ttl"
check "the TTL delete removed the item" "None" "$(ddb get-item --table-name cli --key '{"id":{"S":"ttl"},"at":{"N":"1"}}' \
  --query Item --output text 2>&1)"

# Secondary indexes (docs/dynamodb-indexes.md): a GSI and an LSI at create-table, query --index-name with the
# CLI's pagination over LastEvaluatedKey (table key + index key), a GSI added by update-table, its texts.
check "create-table with --global-secondary-indexes and --local-secondary-indexes" "ACTIVE	KEYS_ONLY" \
  "$(ddb create-table --table-name shop --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=id,AttributeType=S AttributeName=at,AttributeType=N \
    AttributeName=city,AttributeType=S AttributeName=rating,AttributeType=N \
  --key-schema AttributeName=id,KeyType=HASH AttributeName=at,KeyType=RANGE \
  --global-secondary-indexes '[{"IndexName":"byCity","KeySchema":[{"AttributeName":"city","KeyType":"HASH"},{"AttributeName":"rating","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["v"]}}]' \
  --local-secondary-indexes '[{"IndexName":"byRating","KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"rating","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]' \
  --query '[TableDescription.GlobalSecondaryIndexes[0].IndexStatus, TableDescription.LocalSecondaryIndexes[0].Projection.ProjectionType]' \
  --output text 2>&1)"
for i in $(seq 1 9); do
  ddb put-item --table-name shop --item "{\"id\":{\"S\":\"s$i\"},\"at\":{\"N\":\"1\"},\"city\":{\"S\":\"Oslo\"},\"rating\":{\"N\":\"$((i % 3))\"},\"v\":{\"N\":\"$i\"}}" >/dev/null 2>&1
done
ddb put-item --table-name shop --item '{"id":{"S":"s0"},"at":{"N":"1"},"v":{"N":"0"}}' >/dev/null 2>&1
check "query --index-name, the CLI paging 2 items at a time, in rating order" \
  '["s3","s6","s9","s1","s4","s7","s2","s5","s8"]' "$(ddb query --table-name shop --index-name byCity --page-size 2 \
  --key-condition-expression 'city = :c' --expression-attribute-values '{":c":{"S":"Oslo"}}' \
  --query 'Items[].id.S' --output json 2>&1 | compact)"
check "query --index-name: LastEvaluatedKey carries the table key and the index key" '["at","city","id","rating"]' \
  "$(ddb query --table-name shop --index-name byCity --limit 1 --no-paginate \
  --key-condition-expression 'city = :c' --expression-attribute-values '{":c":{"S":"Oslo"}}' \
  --query 'sort(keys(LastEvaluatedKey))' --output json 2>&1 | compact)"
check "scan --index-name skips items without the index keys" "9" "$(ddb scan --table-name shop --index-name byCity \
  --query Count --output text 2>&1)"
check "error: Select ALL_ATTRIBUTES on a GSI that does not project all" \
  "An error occurred (ValidationException) when calling the Query operation: One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index byCity because its projection type is not ALL" \
  "$(fails ddb query --table-name shop --index-name byCity --select ALL_ATTRIBUTES \
  --key-condition-expression 'city = :c' --expression-attribute-values '{":c":{"S":"Oslo"}}')"
check "update-table --global-secondary-index-updates Create fills the new index" "ACTIVE	10" \
  "$(ddb update-table --table-name shop --attribute-definitions AttributeName=v,AttributeType=N \
  --global-secondary-index-updates '[{"Create":{"IndexName":"byV","KeySchema":[{"AttributeName":"v","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]' \
  --query "TableDescription.GlobalSecondaryIndexes[?IndexName=='byV'] | [0].[IndexStatus, ItemCount]" --output text 2>&1)"
check "query the new index" "s0" "$(ddb query --table-name shop --index-name byV \
  --key-condition-expression 'v = :v' --expression-attribute-values '{":v":{"N":"0"}}' --query 'Items[0].id.S' --output text 2>&1)"
check "error: a wrong type for an index key" \
  "An error occurred (ValidationException) when calling the PutItem operation: One or more parameter values were invalid: Type mismatch for Index Key v Expected: N Actual: S IndexName: byV" \
  "$(fails ddb put-item --table-name shop --item '{"id":{"S":"x"},"at":{"N":"1"},"v":{"S":"text"}}')"
check "update-table --global-secondary-index-updates Delete" "byCity" "$(ddb update-table --table-name shop \
  --global-secondary-index-updates '[{"Delete":{"IndexName":"byV"}}]' \
  --query 'TableDescription.GlobalSecondaryIndexes[].IndexName' --output text 2>&1)"

# PartiQL (docs/dynamodb-partiql.md): execute-statement's INSERT, SELECT with --parameters, --limit and
# --next-token, UPDATE, DELETE, and DynamoDB's texts as the CLI prints them.
check "execute-statement INSERT" '{"Items":[]}' "$(ddb execute-statement \
  --statement "INSERT INTO \"cli\" VALUE {'id': 'pq', 'at': 1, 'v': 5, 'tags': <<'a', 'b'>>}" --output json 2>&1 | compact)"
check "execute-statement SELECT with --parameters" "5	a" "$(ddb execute-statement \
  --statement "SELECT v, tags FROM cli WHERE id = ? AND at = ?" --parameters '[{"S":"pq"},{"N":"1"}]' \
  --query 'Items[0].[v.N, tags.SS[0]]' --output text 2>&1)"
check "execute-statement UPDATE, then SELECT" "6" "$(ddb execute-statement \
  --statement "UPDATE cli SET v = v + 1 REMOVE tags WHERE id = 'pq' AND at = 1" >/dev/null 2>&1; ddb execute-statement \
  --statement "SELECT * FROM cli WHERE id = 'pq'" --query 'Items[0].v.N' --output text 2>&1)"
pq_token=$(ddb execute-statement --statement "SELECT at FROM cli WHERE id = 'b'" --limit 20 --query NextToken \
  --output text 2>&1)
check "execute-statement --limit gives a NextToken; --next-token reads the rest" "5" "$(ddb execute-statement \
  --statement "SELECT at FROM cli WHERE id = 'b'" --limit 20 --next-token "$pq_token" --query 'length(Items)' \
  --output text 2>&1)"
check "error: execute-statement INSERT of an existing key" \
  "An error occurred (DuplicateItemException) when calling the ExecuteStatement operation: Duplicate primary key exists in table" \
  "$(fails ddb execute-statement --statement "INSERT INTO cli VALUE {'id': 'pq', 'at': 1}")"
check "error: execute-statement with a statement that is not DML" \
  "An error occurred (ValidationException) when calling the ExecuteStatement operation: Statement wasn't well formed, can't be processed: Expected data manipulation" \
  "$(fails ddb execute-statement --statement "DROP TABLE cli")"
check "execute-statement DELETE" "None" "$(ddb execute-statement \
  --statement "DELETE FROM cli WHERE id = 'pq' AND at = 1" >/dev/null 2>&1; ddb get-item --table-name cli \
  --key '{"id":{"S":"pq"},"at":{"N":"1"}}' --query Item --output text 2>&1)"

check "delete-table" "DELETING" "$(ddb delete-table --table-name cli --query TableDescription.TableStatus --output text 2>&1)"

echo "1..$count"
[ "$failures" -eq 0 ]
