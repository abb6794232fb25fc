#include "record_format.h"

#include "js/json.h"

namespace orderlab {

std::pair<bool, bool> imagesFor(std::string_view eventName, StreamViewType viewType)
{
    const bool viewNew = viewType == StreamViewType::NewImage || viewType == StreamViewType::NewAndOldImages;
    const bool viewOld = viewType == StreamViewType::OldImage || viewType == StreamViewType::NewAndOldImages;
    if (eventName == "INSERT")
        return {viewNew, false};
    if (eventName == "MODIFY")
        return {viewNew, viewOld};
    return {false, viewOld};
}

std::string formatRecord(const RecordFields &f)
{
    std::string out;
    out.reserve(320 + (f.newImageJson ? f.newImageJson->size() : 0) + (f.oldImageJson ? f.oldImageJson->size() : 0));
    out += "{\"eventID\":\"";
    out += f.eventId;
    out += "\",\"eventName\":\"";
    out += f.eventName;
    out += "\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":";
    js::appendQuoted(out, f.region);
    out += ",\"dynamodb\":{\"ApproximateCreationDateTime\":";
    out += std::to_string(f.approximateCreationSeconds);
    if (f.keysJson) {
        out += ",\"Keys\":";
        out += *f.keysJson;
    } else {
        out += ",\"Keys\":{\"pk\":{\"S\":";
        js::appendQuoted(out, f.pk);
        out += "}}";
    }
    if (f.newImageJson) {
        out += ",\"NewImage\":";
        out += *f.newImageJson;
    }
    if (f.oldImageJson) {
        out += ",\"OldImage\":";
        out += *f.oldImageJson;
    }
    out += ",\"SequenceNumber\":\"";
    out += f.sequenceNumber;
    out += "\",\"SizeBytes\":";
    out += std::to_string(f.sizeBytes);
    out += ",\"StreamViewType\":\"";
    out += viewTypeName(f.viewType);
    out += "\"},\"eventSourceARN\":";
    js::appendQuoted(out, f.streamArn);
    if (f.byTtl)
        out += ",\"userIdentity\":{\"type\":\"Service\",\"principalId\":\"dynamodb.amazonaws.com\"}";
    out += '}';
    return out;
}

} // namespace orderlab
