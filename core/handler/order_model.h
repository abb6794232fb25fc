#pragma once

#include "js/value.h"

#include <string>

/// What the handler writes and publishes for one order, as pure functions of the unmarshalled
/// item (`docs/handler.md`, "Cache layout"): shared by the handler and by the emulator's consistency checker.
namespace orderlab::order {

/// The order view `{id, createdAt, status, numItems, items, lastUpdated?}` (lastUpdated only when truthy).
js::ObjectPtr view(const js::Value &record);

/// The ADMIN view: `{...view, creator}`, creator last.
js::ObjectPtr adminView(const js::ObjectPtr &view, const js::Value &record);

/// The summary kept in the arrays: the view without `items` (a new object).
js::ObjectPtr summary(const js::ObjectPtr &view);

/// The publish that follows the writes.
struct Publish
{
    std::string topic;
    std::string payload;
    bool oldImageMissing = false; ///< a MODIFY without OldImage: published as an edit, with a warning
};

/// INSERT: `new-order {"id"}`; MODIFY: `<id>-status-updated` when status differs from the old
/// one under `==`, else `<id>-updated`, with `{"status"}`; REMOVE: `order-canceled {"id"}`.
/// `oldRecord` is undefined when the record has no OldImage. Throws js::JsError as the handler would.
Publish publishFor(const std::string &eventName, const js::Value &record, const js::Value &oldRecord);

} // namespace orderlab::order
