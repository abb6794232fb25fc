// applyUpdate: an UpdateExpression against an item (docs/dynamodb-expressions.md, "Applying an update").
#include "update.h"

#include "condition.h"
#include "decimal.h"

#include <algorithm>
#include <functional>
#include <optional>

namespace orderlab::dynamodb::expr {

namespace {

using Type = AttributeValue::Type;

ValidationError invalidPath()
{
    return ValidationError("The document path provided in the update expression is invalid for update");
}

ValidationError incorrectType()
{
    return ValidationError("An operand in the update expression has an incorrect data type");
}

/// The new value at a path, given the old one (nullptr: absent); nullopt removes it.
using Edit = std::function<std::optional<AttributeValue>(const AttributeValue *old)>;

/// `container` with `edit` applied at path[i…]; the container of each further step must exist.
/// Recursion follows the value, so it is at most kMaxNestingLevel deep.
AttributeValue editIn(const AttributeValue &container, const DocumentPath &path, std::size_t i, const Edit &edit)
{
    const PathElement &step = path[i];
    const bool last = i + 1 == path.size();
    if (step.isIndex) {
        if (container.type() != Type::L)
            throw invalidPath();
        std::vector<AttributeValue> items = container.list();
        const bool present = step.index < items.size();
        if (!last) {
            if (!present)
                throw invalidPath();
            items[step.index] = editIn(items[step.index], path, i + 1, edit);
        } else if (auto value = edit(present ? &items[step.index] : nullptr)) {
            if (present)
                items[step.index] = std::move(*value);
            else
                items.push_back(std::move(*value)); // past the end: appended, as DynamoDB does
        } else if (present) {
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(step.index));
        }
        return AttributeValue::list(std::move(items));
    }
    if (container.type() != Type::M)
        throw invalidPath();
    AttributeMap entries = container.map();
    auto it = std::find_if(entries.begin(), entries.end(), [&](const auto &e) { return e.first == step.name; });
    const bool present = it != entries.end();
    if (!last) {
        if (!present)
            throw invalidPath();
        it->second = editIn(it->second, path, i + 1, edit);
    } else if (auto value = edit(present ? &it->second : nullptr)) {
        if (present)
            it->second = std::move(*value);
        else
            entries.emplace_back(step.name, std::move(*value));
    } else if (present) {
        entries.erase(it);
    }
    return AttributeValue::map(std::move(entries));
}

void editPath(AttributeMap &item, const DocumentPath &path, const Edit &edit)
{
    const std::string &name = path.front().name;
    auto it = std::find_if(item.begin(), item.end(), [&](const auto &e) { return e.first == name; });
    const bool present = it != item.end();
    if (path.size() > 1) {
        if (!present)
            throw invalidPath();
        it->second = editIn(it->second, path, 1, edit);
    } else if (auto value = edit(present ? &it->second : nullptr)) {
        if (present)
            it->second = std::move(*value);
        else
            item.emplace_back(name, std::move(*value));
    } else if (present) {
        item.erase(it);
    }
}

/// A SET value read from the item before the update.
AttributeValue setValue(const Operand &operand, const AttributeMap *item)
{
    switch (operand.kind) {
    case Operand::Kind::Path:
        if (const AttributeValue *value = resolvePath(item, operand.path))
            return *value;
        throw ValidationError("The provided expression refers to an attribute that does not exist in the item");
    case Operand::Kind::Value:
        return operand.value;
    case Operand::Kind::Plus:
    case Operand::Kind::Minus: {
        const AttributeValue a = setValue(operand.args.at(0), item);
        const AttributeValue b = setValue(operand.args.at(1), item);
        if (a.type() != Type::N || b.type() != Type::N)
            throw incorrectType();
        return AttributeValue::number(operand.kind == Operand::Kind::Plus ? addNumbers(a.text(), b.text())
                                                                          : subtractNumbers(a.text(), b.text()));
    }
    case Operand::Kind::Call:
        break;
    }
    if (operand.args.size() != 2)
        throw incorrectType();
    if (operand.name == "if_not_exists") {
        if (operand.args[0].kind == Operand::Kind::Path) {
            if (const AttributeValue *value = resolvePath(item, operand.args[0].path))
                return *value;
        }
        return setValue(operand.args[1], item);
    }
    if (operand.name != "list_append")
        throw incorrectType();
    const AttributeValue a = setValue(operand.args[0], item);
    const AttributeValue b = setValue(operand.args[1], item);
    if (a.type() != Type::L || b.type() != Type::L)
        throw incorrectType();
    std::vector<AttributeValue> items = a.list();
    items.insert(items.end(), b.list().begin(), b.list().end());
    return AttributeValue::list(std::move(items));
}

AttributeValue makeSet(Type type, std::vector<std::string> items)
{
    if (type == Type::SS)
        return AttributeValue::stringSet(std::move(items));
    if (type == Type::NS)
        return AttributeValue::numberSet(std::move(items));
    return AttributeValue::binarySet(std::move(items));
}

std::optional<AttributeValue> addTo(const AttributeValue *old, const AttributeValue &value)
{
    if (!old)
        return value;
    if (old->type() != value.type())
        throw incorrectType();
    if (value.type() == Type::N)
        return AttributeValue::number(addNumbers(old->text(), value.text()));
    if (!value.isSet())
        throw incorrectType();
    std::vector<std::string> items = old->set();
    for (const std::string &element : value.set()) {
        if (std::find(items.begin(), items.end(), element) == items.end())
            items.push_back(element);
    }
    return makeSet(value.type(), std::move(items));
}

std::optional<AttributeValue> deleteFrom(const AttributeValue *old, const AttributeValue &value)
{
    if (!old)
        return std::nullopt;
    if (old->type() != value.type() || !value.isSet())
        throw incorrectType();
    std::vector<std::string> items;
    for (const std::string &element : old->set()) {
        if (std::find(value.set().begin(), value.set().end(), element) == value.set().end())
            items.push_back(element);
    }
    if (items.empty())
        return std::nullopt; // DynamoDB removes a set emptied by DELETE
    return makeSet(value.type(), std::move(items));
}

} // namespace

AttributeMap applyUpdate(const UpdateExpression &update, const AttributeMap *item)
{
    // Every SET value is read from the item as it was, before any action writes.
    std::vector<std::optional<AttributeValue>> values;
    values.reserve(update.actions.size());
    for (const UpdateAction &action : update.actions) {
        if (action.type == UpdateAction::Type::Set)
            values.push_back(setValue(action.value, item));
        else
            values.emplace_back();
    }
    // REMOVEs of list elements run last, from the highest index down within each list, so that each
    // index names the element it named in the item as it was.
    std::vector<std::size_t> order;
    std::vector<std::pair<std::string, std::size_t>> indexRemoves; // (parent path text, action)
    for (std::size_t i = 0; i < update.actions.size(); ++i) {
        const UpdateAction &action = update.actions[i];
        if (action.type == UpdateAction::Type::Remove && action.path.back().isIndex)
            indexRemoves.emplace_back(pathText(DocumentPath(action.path.begin(), action.path.end() - 1)), i);
        else
            order.push_back(i);
    }
    std::sort(indexRemoves.begin(), indexRemoves.end(), [&](const auto &a, const auto &b) {
        if (a.first != b.first)
            return a.first < b.first;
        return update.actions[a.second].path.back().index > update.actions[b.second].path.back().index;
    });
    for (const auto &entry : indexRemoves)
        order.push_back(entry.second);

    AttributeMap result = item ? *item : AttributeMap{};
    for (const std::size_t i : order) {
        const UpdateAction &action = update.actions[i];
        switch (action.type) {
        case UpdateAction::Type::Set: {
            const AttributeValue &value = *values[i];
            editPath(result, action.path, [&](const AttributeValue *) { return value; });
            break;
        }
        case UpdateAction::Type::Remove:
            editPath(result, action.path, [](const AttributeValue *) { return std::nullopt; });
            break;
        case UpdateAction::Type::Add:
            editPath(result, action.path, [&](const AttributeValue *old) { return addTo(old, action.value.value); });
            break;
        case UpdateAction::Type::Delete:
            editPath(result, action.path,
                     [&](const AttributeValue *old) { return deleteFrom(old, action.value.value); });
            break;
        }
    }
    return result;
}

} // namespace orderlab::dynamodb::expr
