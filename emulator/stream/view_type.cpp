#include "view_type.h"

namespace orderlab {

std::string_view viewTypeName(StreamViewType type)
{
    switch (type) {
    case StreamViewType::KeysOnly:
        return "KEYS_ONLY";
    case StreamViewType::NewImage:
        return "NEW_IMAGE";
    case StreamViewType::OldImage:
        return "OLD_IMAGE";
    case StreamViewType::NewAndOldImages:
        break;
    }
    return "NEW_AND_OLD_IMAGES";
}

std::optional<StreamViewType> parseViewType(std::string_view name)
{
    for (auto type : {StreamViewType::KeysOnly, StreamViewType::NewImage, StreamViewType::OldImage,
                      StreamViewType::NewAndOldImages})
        if (viewTypeName(type) == name)
            return type;
    return std::nullopt;
}

} // namespace orderlab
