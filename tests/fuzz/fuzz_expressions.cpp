// libFuzzer target over DynamoDB's expression language (emulator/dynamodb/expr, docs/dynamodb-expressions.md):
// the input is one expression text, parsed as every kind (condition, filter, update, projection, key
// condition) with fixed names and values, and each parse that succeeds is evaluated or applied against a
// small item and against no item.
//
// A crash, a sanitizer report, an exception other than ValidationError, or a broken invariant (abort())
// is a finding.

#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/key_condition.h"
#include "dynamodb/expr/projection.h"
#include "dynamodb/expr/update.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace {

using namespace orderlab::dynamodb;
using namespace orderlab::dynamodb::expr;

[[noreturn]] void fail(const char *what, const std::string &detail)
{
    std::fprintf(stderr, "\nfuzz_expressions: INVARIANT VIOLATED: %s\n%s\n", what, detail.c_str());
    std::abort();
}

const AttributeMap &item()
{
    static const AttributeMap kItem = parseItemJson(R"({
        "pk": {"S": "p"}, "sk": {"N": "1"}, "n": {"N": "5"}, "s": {"S": "hello"}, "b": {"B": "AQID"},
        "t": {"BOOL": true}, "z": {"NULL": true},
        "l": {"L": [{"N": "1"}, {"S": "x"}, {"L": [{"M": {"k": {"S": "v"}}}]}]},
        "m": {"M": {"a": {"N": "1"}, "inner": {"M": {"deep": {"SS": ["d"]}}}}},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]}
    })");
    return kItem;
}

ExpressionContext context()
{
    return ExpressionContext({{"#n", "n"}, {"#m", "m"}, {"#l", "l"}, {"#dot", "a.b"}, {"#name", "name"}},
                             {{":one", AttributeValue::number("1")},
                              {":big", AttributeValue::number("99999999999999999999999999999999999999")},
                              {":tiny", AttributeValue::number("1E-130")},
                              {":huge", AttributeValue::number("9E+125")},
                              {":s", AttributeValue::string("he")},
                              {":t", AttributeValue::string("N")},
                              {":b", AttributeValue::binary("\x01")},
                              {":true", AttributeValue::boolean(true)},
                              {":null", AttributeValue::null()},
                              {":list", AttributeValue::list({AttributeValue::string("z")})},
                              {":map", AttributeValue::map({{"k", AttributeValue::string("v")}})},
                              {":ss", AttributeValue::stringSet({"a", "q"})},
                              {":ns", AttributeValue::numberSet({"2", "3"})},
                              {":bs", AttributeValue::binarySet({"\x01"})}});
}

void checkMessage(const ValidationError &e)
{
    // what() is a C string: a message quoting a NUL byte of the input ends there.
    const std::string what = e.what();
    const std::string full = "ValidationException: " + e.message();
    if (e.message().empty() || full.compare(0, what.size(), what) != 0 || what.size() < 22)
        fail("malformed ValidationError", e.what());
}

template <typename Step> void guarded(const char *kind, std::string_view text, Step step)
{
    try {
        step();
    } catch (const ValidationError &e) {
        checkMessage(e);
    } catch (const std::exception &e) {
        fail(kind, std::string(text) + "\nthrew: " + e.what());
    }
}

void fuzzOne(std::string_view text)
{
    for (const ExpressionKind kind : {ExpressionKind::Condition, ExpressionKind::Filter}) {
        guarded("condition", text, [&] {
            ExpressionContext names = context();
            const Condition condition = parseCondition(text, names, kind);
            const bool withItem = evaluate(condition, &item());
            if (evaluate(condition, &item()) != withItem)
                fail("evaluate is not deterministic", std::string(text));
            evaluate(condition, nullptr);
            names.checkAllUsed();
        });
    }
    guarded("update", text, [&] {
        ExpressionContext names = context();
        const UpdateExpression update = parseUpdate(text, names);
        if (update.actions.empty() || update.topLevelAttributes().empty())
            fail("an update without actions parsed", std::string(text));
        guarded("update on item", text, [&] {
            const AttributeMap result = applyUpdate(update, &item());
            for (const auto &entry : result) {
                if (entry.second.nestingLevel() > kMaxNestingLevel)
                    fail("update nested too deep", std::string(text));
            }
        });
        guarded("update without item", text, [&] { applyUpdate(update, nullptr); });
    });
    guarded("projection", text, [&] {
        ExpressionContext names = context();
        const Projection projection = parseProjection(text, names);
        const AttributeMap projected = project(projection, item());
        if (projected.size() > item().size())
            fail("projection added attributes", std::string(text));
    });
    guarded("key condition", text, [&] {
        ExpressionContext names = context();
        const KeyCondition key =
            parseKeyCondition(text, names, KeySchema{"pk", std::nullopt, "sk", AttributeValue::Type::N});
        key.matches(item());
        key.rangeMatches(nullptr);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzzOne(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
