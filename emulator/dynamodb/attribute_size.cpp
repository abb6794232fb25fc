// The SizeBytes rule (`docs/stream-and-mapping.md`, "SizeBytes"), over stored attribute values (the one implementation:
// StreamRecordWriter::attributeValueSize parses the JSON text and calls it).
#include "attribute_value.h"

namespace orderlab::dynamodb {

namespace {

/// ⌈significant digits / 2⌉ + 1 for canonical text; zero counts as one digit, as the stream writer does.
std::size_t numberSize(std::string_view canonical)
{
    std::size_t counted = 0;     // digits from the first non-zero one on, the point skipped
    std::size_t significant = 0; // ... up to the last non-zero one
    for (const char c : canonical) {
        if (c < '0' || c > '9' || (c == '0' && counted == 0))
            continue;
        ++counted;
        if (c != '0')
            significant = counted;
    }
    if (significant == 0)
        significant = 1;
    return (significant + 1) / 2 + 1;
}

} // namespace

std::size_t valueSize(const AttributeValue &v)
{
    using Type = AttributeValue::Type;
    switch (v.type()) {
    case Type::S:
    case Type::B:
        return v.text().size();
    case Type::N:
        return numberSize(v.text());
    case Type::BOOL:
    case Type::NUL:
        return 1;
    case Type::SS:
    case Type::BS: {
        std::size_t size = 0;
        for (const auto &element : v.set())
            size += element.size();
        return size;
    }
    case Type::NS: {
        std::size_t size = 0;
        for (const auto &element : v.set())
            size += numberSize(element);
        return size;
    }
    case Type::L: {
        std::size_t size = 3;
        for (const auto &element : v.list())
            size += 1 + valueSize(element);
        return size;
    }
    case Type::M:
        return 3 + v.map().size() + sizeBytes(v.map());
    }
    return 0;
}

std::size_t sizeBytes(const AttributeMap &item)
{
    std::size_t size = 0;
    for (const auto &[name, value] : item)
        size += name.size() + valueSize(value);
    return size;
}

} // namespace orderlab::dynamodb
