#pragma once

#include "js/value.h"

/// `@aws-sdk/util-dynamodb` 3.996.9 `unmarshall`, as the reference handler calls it (no options).
namespace orderlab::dynamodb {

/**
 * `unmarshall(image)` on a value produced by `JSON.parse` (an absent image is
 * `Undefined`). Returns the item object. Throws js::JsError with the exact text the
 * JavaScript library throws (`Error: Unsupported type passed: X`, `Error: No value
 * defined: {}`, `Error: <n> can't be converted to BigInt. ...`, V8's TypeErrors).
 */
js::Value unmarshall(const js::Value &image);

/// `convertToNative(attributeValue)`: one AttributeValue.
js::Value convertToNative(const js::Value &attributeValue);

} // namespace orderlab::dynamodb
