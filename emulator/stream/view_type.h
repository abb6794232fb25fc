#pragma once

#include <optional>
#include <string_view>

namespace orderlab {

/// What a stream record carries besides its Keys (docs/stream-and-mapping.md, "Record format").
enum class StreamViewType { KeysOnly, NewImage, OldImage, NewAndOldImages };

/// `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE`, `NEW_AND_OLD_IMAGES`.
std::string_view viewTypeName(StreamViewType type);

/// The inverse of viewTypeName; nullopt for any other text (no exceptions).
std::optional<StreamViewType> parseViewType(std::string_view name);

} // namespace orderlab
