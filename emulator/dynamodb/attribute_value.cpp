#include "attribute_value.h"

#include "base64.h"

#include <algorithm>
#include <cstdint>

namespace orderlab::dynamodb {

namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

/// True when two elements of `items` are equal.
bool hasDuplicates(const std::vector<std::string> &items)
{
    std::vector<std::string_view> sorted(items.begin(), items.end());
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
}

/// "[a, b, c]", as DynamoDB lists an input collection in its messages.
std::string listed(const std::vector<std::string> &items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ", ";
        out += items[i];
    }
    return out + "]";
}

bool sameElements(const std::vector<std::string> &a, const std::vector<std::string> &b)
{
    if (a.size() != b.size())
        return false;
    std::vector<std::string_view> sa(a.begin(), a.end());
    std::vector<std::string_view> sb(b.begin(), b.end());
    std::sort(sa.begin(), sa.end());
    std::sort(sb.begin(), sb.end());
    return sa == sb;
}

using Entry = std::pair<std::string, AttributeValue>;

std::vector<const Entry *> sortedByName(const AttributeMap &m)
{
    std::vector<const Entry *> out;
    out.reserve(m.size());
    for (const auto &entry : m)
        out.push_back(&entry);
    std::sort(out.begin(), out.end(), [](const Entry *x, const Entry *y) { return x->first < y->first; });
    return out;
}

/// Same names with equal values, in any order; names are unique in both.
bool sameEntries(const AttributeMap &a, const AttributeMap &b)
{
    if (a.size() != b.size())
        return false;
    if (a.size() <= 16) {
        for (const auto &[name, value] : a) {
            const AttributeValue *other = find(b, name);
            if (!other || !(*other == value))
                return false;
        }
        return true;
    }
    const auto sa = sortedByName(a);
    const auto sb = sortedByName(b);
    for (std::size_t i = 0; i < sa.size(); ++i) {
        if (sa[i]->first != sb[i]->first || !(sa[i]->second == sb[i]->second))
            return false;
    }
    return true;
}

int childLevel(int deepestChild)
{
    const int level = deepestChild + 1;
    if (level > kMaxNestingLevel)
        throw ValidationError(std::string(kNestingLevelsMessage));
    return level;
}

} // namespace

ValidationError::ValidationError(const std::string &message)
    : std::runtime_error("ValidationException: " + message), m_message(message)
{
}

AttributeValue AttributeValue::string(std::string s)
{
    AttributeValue v;
    v.m_type = Type::S;
    v.m_text = std::move(s);
    return v;
}

AttributeValue AttributeValue::number(std::string_view text)
{
    AttributeValue v;
    v.m_type = Type::N;
    v.m_text = canonicalNumber(text);
    return v;
}

AttributeValue AttributeValue::binary(std::string bytes)
{
    AttributeValue v;
    v.m_type = Type::B;
    v.m_text = std::move(bytes);
    return v;
}

AttributeValue AttributeValue::boolean(bool b)
{
    AttributeValue v;
    v.m_type = Type::BOOL;
    v.m_bool = b;
    return v;
}

AttributeValue AttributeValue::null()
{
    return AttributeValue();
}

AttributeValue AttributeValue::list(std::vector<AttributeValue> items)
{
    int deepest = 0;
    for (const auto &item : items)
        deepest = std::max(deepest, item.m_level);
    AttributeValue v;
    v.m_level = childLevel(deepest);
    v.m_type = Type::L;
    v.m_list = std::move(items);
    return v;
}

AttributeValue AttributeValue::map(AttributeMap entries)
{
    int deepest = 0;
    for (const auto &entry : entries)
        deepest = std::max(deepest, entry.second.m_level);
    const int level = childLevel(deepest);
    if (entries.size() > 1) {
        const auto sorted = sortedByName(entries);
        for (std::size_t i = 1; i < sorted.size(); ++i) {
            if (sorted[i - 1]->first == sorted[i]->first)
                throw ValidationError(kInvalid + "Duplicate attribute name " + sorted[i]->first + " in a map");
        }
    }
    AttributeValue v;
    v.m_level = level;
    v.m_type = Type::M;
    v.m_map = std::move(entries);
    return v;
}

AttributeValue AttributeValue::stringSet(std::vector<std::string> items)
{
    if (items.empty())
        throw ValidationError(kInvalid + "An string set  may not be empty"); // sic: DynamoDB's wording
    if (hasDuplicates(items))
        throw ValidationError(kInvalid + "Input collection " + listed(items) + " contains duplicates.");
    AttributeValue v;
    v.m_type = Type::SS;
    v.m_set = std::move(items);
    return v;
}

AttributeValue AttributeValue::numberSet(std::vector<std::string> items)
{
    if (items.empty())
        throw ValidationError(kInvalid + "An number set  may not be empty"); // sic
    for (auto &item : items)
        item = canonicalNumber(item);
    if (hasDuplicates(items))
        throw ValidationError("Input collection contains duplicates");
    AttributeValue v;
    v.m_type = Type::NS;
    v.m_set = std::move(items);
    return v;
}

AttributeValue AttributeValue::binarySet(std::vector<std::string> items)
{
    if (items.empty())
        throw ValidationError(kInvalid + "Binary sets should not be empty");
    if (hasDuplicates(items)) {
        std::vector<std::string> texts;
        texts.reserve(items.size());
        for (const auto &item : items)
            texts.push_back(base64Encode(item));
        throw ValidationError(kInvalid + "Input collection " + listed(texts) + "of type BS contains duplicates.");
    }
    AttributeValue v;
    v.m_type = Type::BS;
    v.m_set = std::move(items);
    return v;
}

bool AttributeValue::operator==(const AttributeValue &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::S:
    case Type::N:
    case Type::B:
        return m_text == other.m_text;
    case Type::BOOL:
        return m_bool == other.m_bool;
    case Type::NUL:
        return true;
    case Type::L:
        return m_list == other.m_list;
    case Type::M:
        return sameEntries(m_map, other.m_map);
    case Type::SS:
    case Type::NS:
    case Type::BS:
        return sameElements(m_set, other.m_set);
    }
    return false;
}

std::string_view typeName(AttributeValue::Type type)
{
    using Type = AttributeValue::Type;
    switch (type) {
    case Type::S:
        return "S";
    case Type::N:
        return "N";
    case Type::B:
        return "B";
    case Type::BOOL:
        return "BOOL";
    case Type::NUL:
        return "NULL";
    case Type::L:
        return "L";
    case Type::M:
        return "M";
    case Type::SS:
        return "SS";
    case Type::NS:
        return "NS";
    case Type::BS:
        return "BS";
    }
    return "NULL";
}

std::string canonicalNumber(std::string_view text)
{
    const auto notANumber = [text]() -> ValidationError {
        std::string message = "The parameter cannot be converted to a numeric value";
        if (!text.empty())
            message.append(": ").append(text);
        return ValidationError(message);
    };
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    std::string digits; // the mantissa's digits without leading zeros
    std::int64_t fractionDigits = 0;
    bool sawDigit = false;
    bool sawPoint = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            sawDigit = true;
            if (sawPoint)
                ++fractionDigits;
            if (c != '0' || !digits.empty())
                digits += c;
        } else if (c == '.' && !sawPoint) {
            sawPoint = true;
        } else {
            break;
        }
    }
    if (!sawDigit)
        throw notANumber();
    std::int64_t exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exponentNegative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            exponentNegative = text[i++] == '-';
        const std::size_t start = i;
        constexpr std::int64_t kClamp = 1'000'000'000'000'000; // far outside any valid magnitude
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
            exponent = std::min(kClamp, exponent * 10 + (text[i] - '0'));
        if (i == start)
            throw notANumber();
        if (exponentNegative)
            exponent = -exponent;
    }
    if (i != text.size())
        throw notANumber();
    if (digits.empty())
        return "0";

    const std::size_t lastNonZero = digits.find_last_not_of('0');
    const auto trailingZeros = static_cast<std::int64_t>(digits.size() - 1 - lastNonZero);
    digits.resize(lastNonZero + 1);
    const auto count = static_cast<std::int64_t>(digits.size());
    if (count > 38)
        throw ValidationError("Attempting to store more than 38 significant digits in a Number");
    // value = digits × 10^scale; the leading digit's power of ten is scale + count - 1.
    const std::int64_t scale = exponent - fractionDigits + trailingZeros;
    const std::int64_t magnitude = scale + count - 1;
    if (magnitude > 125)
        throw ValidationError(
            "Number overflow. Attempting to store a number with magnitude larger than supported range");
    if (magnitude < -130)
        throw ValidationError(
            "Number underflow. Attempting to store a number with magnitude smaller than supported range");

    std::string out = negative ? "-" : "";
    if (scale >= 0) {
        out += digits;
        out.append(static_cast<std::size_t>(scale), '0');
    } else if (count + scale > 0) {
        const auto integerDigits = static_cast<std::size_t>(count + scale);
        out.append(digits, 0, integerDigits);
        out += '.';
        out.append(digits, integerDigits);
    } else {
        out += "0.";
        out.append(static_cast<std::size_t>(-(count + scale)), '0');
        out += digits;
    }
    return out;
}

bool sameItem(const AttributeMap &a, const AttributeMap &b)
{
    return sameEntries(a, b);
}

const AttributeValue *find(const AttributeMap &item, std::string_view name)
{
    for (const auto &[entryName, value] : item) {
        if (entryName == name)
            return &value;
    }
    return nullptr;
}

} // namespace orderlab::dynamodb
