#include "expression_context.h"

namespace orderlab::dynamodb::expr {

namespace {

bool validKey(std::string_view key, char sigil)
{
    if (key.size() < 2 || key.front() != sigil)
        return false;
    for (const char c : key.substr(1)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

template <typename Map> void checkKeys(const Map &map, char sigil, std::string_view parameter)
{
    for (const auto &entry : map) {
        if (!validKey(entry.first, sigil))
            throw ValidationError(std::string(parameter) + " contains invalid key: Syntax error; key: \"" +
                                  entry.first + "\"");
    }
}

template <typename Map>
void checkUsed(const Map &map, const std::set<std::string, std::less<>> &used, std::string_view parameter)
{
    std::string unused;
    for (const auto &entry : map) {
        if (used.count(entry.first))
            continue;
        if (!unused.empty())
            unused += ", ";
        unused += entry.first;
    }
    if (!unused.empty())
        throw ValidationError("Value provided in " + std::string(parameter) + " unused in expressions: keys: {" +
                              unused + "}");
}

} // namespace

ExpressionContext::ExpressionContext(Names names, Values values)
    : m_names(std::move(names)), m_values(std::move(values))
{
    checkKeys(m_names, '#', "ExpressionAttributeNames");
    checkKeys(m_values, ':', "ExpressionAttributeValues");
}

const std::string *ExpressionContext::useName(std::string_view placeholder)
{
    const auto it = m_names.find(std::string(placeholder));
    if (it == m_names.end())
        return nullptr;
    m_usedNames.insert(it->first);
    return &it->second;
}

const AttributeValue *ExpressionContext::useValue(std::string_view placeholder)
{
    const auto it = m_values.find(std::string(placeholder));
    if (it == m_values.end())
        return nullptr;
    m_usedValues.insert(it->first);
    return &it->second;
}

void ExpressionContext::checkAllUsed() const
{
    checkUsed(m_names, m_usedNames, "ExpressionAttributeNames");
    checkUsed(m_values, m_usedValues, "ExpressionAttributeValues");
}

} // namespace orderlab::dynamodb::expr
