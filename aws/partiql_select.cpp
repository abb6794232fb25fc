// ExecuteStatement's SELECT: the read plan (query or scan, table or index), pages and NextToken
// (docs/dynamodb-partiql.md, "SELECT").
#include "dynamodb/base64.h"
#include "dynamodb/expr/projection.h"
#include "index_reads.h"
#include "js/json.h"
#include "partiql_operations.h"

#include <cinttypes>
#include <cstdio>

namespace orderlab::aws {

namespace expr = dynamodb::expr;

namespace {

constexpr std::size_t kPageBytes = 1024 * 1024;
const std::string kInvalidToken = "Invalid NextToken";

/// Ties a NextToken to the statement and parameters that made it (FNV-1a, as hex).
std::string fingerprint(const PartiqlRequest &request)
{
    std::uint64_t h = 1469598103934665603ULL;
    const auto mix = [&h](std::string_view bytes) {
        for (const unsigned char c : bytes) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    };
    mix(request.text);
    for (const auto &value : request.parameters) {
        std::string json;
        dynamodb::appendJson(json, value);
        mix(json);
    }
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016" PRIx64, h);
    return buf;
}

/// Where a page starts: the partition of an IN list, and the key after which to go on.
struct Resume
{
    std::size_t partition = 0;
    std::optional<dynamodb::AttributeMap> key;
};

std::string encodeToken(const std::string &print, const Resume &at)
{
    std::string text = print + "|" + std::to_string(at.partition) + "|";
    if (at.key)
        text += dynamodb::itemJson(*at.key);
    return dynamodb::base64Encode(text);
}

Resume decodeToken(const std::string &token, const std::string &print)
{
    const auto text = dynamodb::base64Decode(token);
    if (!text || text->size() < print.size() + 3 || text->compare(0, print.size(), print) != 0 ||
        (*text)[print.size()] != '|')
        throw validation(kInvalidToken);
    const std::size_t bar = text->find('|', print.size() + 1);
    if (bar == std::string::npos || bar == print.size() + 1 || bar - print.size() > 8)
        throw validation(kInvalidToken);
    Resume at;
    for (std::size_t i = print.size() + 1; i < bar; ++i) {
        const char c = (*text)[i];
        if (c < '0' || c > '9')
            throw validation(kInvalidToken);
        at.partition = at.partition * 10 + static_cast<std::size_t>(c - '0');
    }
    if (bar + 1 < text->size()) {
        try {
            at.key = dynamodb::parseItemJson(std::string_view(*text).substr(bar + 1));
        } catch (const dynamodb::ValidationError &) {
            throw validation(kInvalidToken);
        }
    }
    return at;
}

bool isPath(const expr::Operand &operand, const std::string &name)
{
    return operand.kind == expr::Operand::Kind::Path && operand.path.size() == 1 && !operand.path[0].isIndex &&
           operand.path[0].name == name;
}

} // namespace

std::optional<std::vector<dynamodb::AttributeValue>> pinnedValues(const std::optional<expr::Condition> &where,
                                                                  const std::string &name, bool allowIn)
{
    if (!where)
        return std::nullopt;
    std::vector<const expr::Condition *> conjuncts;
    if (where->kind == expr::Condition::Kind::And)
        for (const auto &child : where->children)
            conjuncts.push_back(&child);
    else
        conjuncts.push_back(&*where);
    for (const auto *c : conjuncts) {
        const auto &ops = c->operands;
        if (c->kind == expr::Condition::Kind::Compare && c->op == "=" && ops.size() == 2) {
            if (isPath(ops[0], name) && ops[1].kind == expr::Operand::Kind::Value)
                return std::vector{ops[1].value};
            if (isPath(ops[1], name) && ops[0].kind == expr::Operand::Kind::Value)
                return std::vector{ops[0].value};
        }
        if (allowIn && c->kind == expr::Condition::Kind::In && isPath(ops[0], name)) {
            std::vector<dynamodb::AttributeValue> values;
            for (std::size_t i = 1; i < ops.size(); ++i) {
                if (ops[i].kind != expr::Operand::Kind::Value)
                    return std::nullopt;
                values.push_back(ops[i].value);
            }
            return values;
        }
    }
    return std::nullopt;
}

std::string partiqlSelect(Context &context, const Params &params, const PartiqlRequest &request)
{
    const PartiqlStatement &statement = request.statement;
    const auto limit = params.integer("Limit", 1, 1LL << 40);
    const bool consistent = params.boolean("ConsistentRead").value_or(false);
    Consumption used(capacityMode(params), false);
    const auto table = partiqlTable(context, statement.table);
    std::optional<dynamodb::IndexDefinition> index;
    if (statement.index) {
        index = table->index(*statement.index);
        if (!index)
            throw validation("The table does not have the specified index: " + *statement.index);
        if (index->global && consistent)
            throw validation("Consistent reads are not supported on global secondary indexes");
    }
    const dynamodb::KeySchema &schema = index ? index->keys : table->keySchema();
    const auto partitions = pinnedValues(statement.where, schema.hash.name, true);
    const std::string print = fingerprint(request);
    Resume at;
    if (const auto token = params.string("NextToken"))
        at = decodeToken(*token, print);
    if (partitions && at.partition > partitions->size())
        throw validation(kInvalidToken);

    const std::size_t max = limit ? static_cast<std::size_t>(*limit) : 0;
    const IndexRead indexed{index.value_or(dynamodb::IndexDefinition{}), false};
    const auto all = [](const dynamodb::AttributeMap &) { return true; };
    std::vector<dynamodb::AttributeMap> read;
    std::size_t bytes = 0;
    bool more = false;
    std::optional<Resume> resume;
    const auto readPage = [&](const std::optional<std::string> &hash, std::size_t room) {
        std::vector<dynamodb::AttributeMap> page;
        try {
            if (index)
                page = readIndexPage(*table, indexed, [&](const dynamodb::SecondaryIndex &i) {
                    const auto start = at.key ? std::optional(i.startKey(*at.key)) : std::nullopt;
                    return hash ? i.queryPage(*hash, all, true, start, room, kPageBytes - bytes, &more)
                                : i.scanPage(start, room, kPageBytes, &more, {});
                });
            else
                page = hash ? table->queryPage(*hash, all, true, at.key, room, kPageBytes - bytes, &more)
                            : table->scanPage(at.key, room, kPageBytes, &more);
        } catch (const dynamodb::ValidationError &) {
            throw validation(kInvalidToken);
        }
        for (auto &item : page) {
            bytes += dynamodb::sizeBytes(item);
            read.push_back(std::move(item));
        }
    };
    const auto lastKey = [&] {
        return index ? indexLastKey(table->keySchema(), *index, read.back())
                     : dynamodb::keyAttributes(table->keySchema(), read.back());
    };
    if (partitions) {
        const auto keyType = dynamodb::attributeTypeOf(schema.hash.type);
        while (at.partition < partitions->size()) {
            const auto &value = (*partitions)[at.partition];
            more = false;
            if (value.type() == keyType)
                readPage(value.text(), max ? max - read.size() : 0);
            if (more && !read.empty()) {
                resume = Resume{at.partition, lastKey()};
                break;
            }
            ++at.partition;
            at.key.reset();
            if (at.partition < partitions->size() && ((max && read.size() >= max) || bytes >= kPageBytes)) {
                resume = Resume{at.partition, std::nullopt};
                break;
            }
        }
    } else {
        readPage(std::nullopt, max);
        if (more && !read.empty())
            resume = Resume{0, lastKey()};
    }

    std::string items;
    for (const auto &item : read) {
        if (statement.where && !expr::evaluate(*statement.where, &item))
            continue;
        if (!items.empty())
            items += ',';
        dynamodb::appendItemJson(items, statement.projection ? expr::project(*statement.projection, item) : item);
    }
    std::string body = "{\"Items\":[" + items + "]";
    if (resume) {
        body += ",\"NextToken\":" + aws::quoted(encodeToken(print, *resume));
        if (resume->key)
            body += ",\"LastEvaluatedKey\":" + dynamodb::itemJson(*resume->key);
    }
    body += '}';
    if (index)
        used.addIndex(statement.table, *index, readUnits(bytes, consistent));
    used.addTable(statement.table, index ? 0 : readUnits(bytes, consistent));
    return withCapacity(std::move(body), used.member());
}

} // namespace orderlab::aws
