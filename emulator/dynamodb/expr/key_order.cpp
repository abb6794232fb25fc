#include "key_order.h"

#include "decimal.h"

namespace orderlab::dynamodb::expr {

namespace {

int typeRank(AttributeValue::Type type)
{
    using Type = AttributeValue::Type;
    switch (type) {
    case Type::N:
        return 0;
    case Type::S:
        return 1;
    case Type::B:
        return 2;
    default:
        break;
    }
    return 3 + static_cast<int>(type);
}

} // namespace

int compareKeyValues(const AttributeValue &a, const AttributeValue &b)
{
    const int ra = typeRank(a.type());
    const int rb = typeRank(b.type());
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a.type() == AttributeValue::Type::N)
        return compareNumbers(a.text(), b.text());
    const int c = a.text().compare(b.text());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

} // namespace orderlab::dynamodb::expr
