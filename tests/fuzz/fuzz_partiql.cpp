// libFuzzer target over PartiQL (aws/partiql_parser.*, docs/dynamodb-partiql.md): the input's first byte
// says how many parameters (0 to 3) are bound, the rest is the statement. A statement that parses has its
// WHERE clause evaluated and its SET and REMOVE applied against a small item and against no item.
//
// A crash, a sanitizer report, an exception other than ValidationError, or a broken invariant (abort())
// is a finding.

#include "dynamodb/attribute_value.h"
#include "partiql_parser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace {

using namespace orderlab;
using namespace orderlab::dynamodb;

[[noreturn]] void fail(const char *what, std::string_view detail)
{
    std::fprintf(stderr, "\nfuzz_partiql: INVARIANT VIOLATED: %s\n%.*s\n", what, static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

const AttributeMap &item()
{
    static const AttributeMap kItem = parseItemJson(R"({
        "pk": {"S": "p"}, "sk": {"N": "1"}, "n": {"N": "5"}, "s": {"S": "hello"},
        "l": {"L": [{"N": "1"}, {"S": "x"}]}, "m": {"M": {"a": {"N": "1"}}}, "ss": {"SS": ["a", "b"]}
    })");
    return kItem;
}

const std::vector<AttributeValue> &parameters()
{
    static const std::vector<AttributeValue> kParameters = {AttributeValue::string("p"), AttributeValue::number("1"),
                                                            AttributeValue::list({AttributeValue::boolean(true)})};
    return kParameters;
}

void fuzzOne(std::string_view input)
{
    if (input.empty())
        return;
    const std::size_t count = static_cast<unsigned char>(input[0]) % 4;
    const std::vector<AttributeValue> bound(parameters().begin(), parameters().begin() + static_cast<long>(count));
    const std::string_view text = input.substr(1);
    try {
        const aws::PartiqlStatement statement = aws::parsePartiql(text, bound);
        if (statement.kind == aws::PartiqlStatement::Kind::Insert && !statement.where.has_value() &&
            !statement.update.actions.empty())
            fail("an INSERT with update actions parsed", text);
        if (statement.where) {
            const bool holds = dynamodb::expr::evaluate(*statement.where, &item());
            if (dynamodb::expr::evaluate(*statement.where, &item()) != holds)
                fail("evaluate is not deterministic", text);
            dynamodb::expr::evaluate(*statement.where, nullptr);
        }
        if (statement.projection)
            dynamodb::expr::project(*statement.projection, item());
        if (!statement.update.actions.empty()) {
            try {
                dynamodb::expr::applyUpdate(statement.update, &item());
                dynamodb::expr::applyUpdate(statement.update, nullptr);
            } catch (const ValidationError &) {
            }
        }
    } catch (const ValidationError &e) {
        if (e.message().empty())
            fail("an empty ValidationError", text);
    } catch (const std::exception &e) {
        fail("an exception other than ValidationError", std::string(text) + "\nthrew: " + e.what());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzzOne(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
