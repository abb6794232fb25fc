#include "stream_record_writer.h"

#include "dynamodb/attribute_value.h"
#include "js/json.h"
#include "stream/record_format.h"
#include "stream/stream_time.h"

#include <stdexcept>

namespace orderlab {

StreamRecordWriter::StreamRecordWriter(std::uint64_t seed, StreamViewType viewType)
    : m_viewType(viewType), m_ids(seed ^ 0x73747265616d7772ULL)
{
} // a stream of its own, apart from the generator's

std::string StreamRecordWriter::writeRecord(const OrderChange &change)
{
    std::string_view eventName = "INSERT";
    if (change.kind == OrderChange::Modify)
        eventName = "MODIFY";
    else if (change.kind == OrderChange::Remove)
        eventName = "REMOVE";
    const auto [wantNew, wantOld] = imagesFor(eventName, m_viewType);
    if (wantNew && !change.newItem)
        throw std::invalid_argument("StreamRecordWriter: " + std::string(eventName) + " of " + change.pk +
                                    " has no new item");
    if (wantOld && !change.oldItem)
        throw std::invalid_argument("StreamRecordWriter: " + std::string(eventName) + " of " + change.pk +
                                    " has no old item");

    std::size_t sizeBytes = 2 + change.pk.size(); // "pk" + S bytes
    if (wantNew)
        sizeBytes += imageSize(*change.newItem);
    if (wantOld)
        sizeBytes += imageSize(*change.oldItem);

    const RecordId id = m_ids.next();
    const std::string newImage = wantNew ? dynamodb::itemJson(*change.newItem) : std::string();
    const std::string oldImage = wantOld ? dynamodb::itemJson(*change.oldItem) : std::string();

    RecordFields fields;
    fields.eventId = id.eventId;
    fields.eventName = eventName;
    fields.approximateCreationSeconds = approximateCreationSeconds(change.commitTimeMs);
    fields.pk = change.pk;
    if (wantNew)
        fields.newImageJson = newImage;
    if (wantOld)
        fields.oldImageJson = oldImage;
    fields.sequenceNumber = id.sequenceNumber;
    fields.sizeBytes = sizeBytes;
    fields.viewType = m_viewType;
    fields.streamArn = kStreamArn;
    return formatRecord(fields);
}

std::string StreamRecordWriter::writeEvent(const std::vector<OrderChange> &changes)
{
    std::string out = "{\"Records\":[";
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (i)
            out += ',';
        out += writeRecord(changes[i]);
    }
    out += "]}";
    return out;
}

std::string StreamRecordWriter::eventFromRecords(const std::vector<std::string> &records)
{
    std::string out = "{\"Records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i)
            out += ',';
        out += records[i];
    }
    out += "]}";
    return out;
}

std::size_t StreamRecordWriter::attributeValueSize(std::string_view attributeValueJson)
{
    try {
        return dynamodb::valueSize(dynamodb::parseAttributeValue(js::parseJson(attributeValueJson)));
    } catch (const js::JsonParseError &e) {
        throw std::invalid_argument(std::string("AttributeValue JSON: ") + e.what());
    } catch (const dynamodb::ValidationError &e) {
        throw std::invalid_argument(std::string("AttributeValue JSON: ") + e.message());
    }
}

std::size_t StreamRecordWriter::imageSize(const Item &image)
{
    std::size_t size = 0;
    for (const auto &[name, value] : image)
        size += name.size() + attributeValueSize(value);
    return size;
}

} // namespace orderlab
