#include "stream_record_writer.h"

#include "dynamodb/attribute_value.h"
#include "js/json.h"
#include "stream/record_format.h"

#include <stdexcept>

namespace orderlab {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// `{"name":AttributeValue,...}` in write order; the value texts are copied as they are.
std::string imageJson(const Item& image) {
    std::string out = "{";
    bool first = true;
    for (const auto& [attribute, value] : image) {
        if (!first)
            out += ',';
        first = false;
        js::appendQuoted(out, attribute);
        out += ':';
        out += value;
    }
    out += '}';
    return out;
}

}  // namespace

StreamRecordWriter::StreamRecordWriter(std::uint64_t seed, StreamViewType viewType)
    : m_viewType(viewType), m_random(seed ^ 0x73747265616d7772ULL) {}  // a stream of its own, apart from the generator's

std::string StreamRecordWriter::nextSequenceNumber() {
    if (m_sequenceOffset == 0) {
        m_sequenceOffset = 1;
    } else {
        m_sequenceOffset += 1 + m_random.uniform(1000);  // gap of 1..1000
    }
    // 10^20 + offset, written as "1" followed by the offset in 20 digits.
    std::string digits(21, '0');
    digits[0] = '1';
    std::uint64_t v = m_sequenceOffset;
    for (std::size_t i = 20; i >= 1 && v != 0; --i) {
        digits[i] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return digits;
}

void StreamRecordWriter::appendEventId(std::string& out) {
    for (int part = 0; part < 2; ++part) {
        const std::uint64_t r = m_random.next();
        for (int shift = 60; shift >= 0; shift -= 4)
            out += kHex[(r >> shift) & 0xf];
    }
}

std::string StreamRecordWriter::writeRecord(const OrderChange& change) {
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

    std::size_t sizeBytes = 2 + change.pk.size();  // "pk" + S bytes
    if (wantNew)
        sizeBytes += imageSize(*change.newItem);
    if (wantOld)
        sizeBytes += imageSize(*change.oldItem);

    std::int64_t seconds = change.commitTimeMs / 1000;
    if (change.commitTimeMs % 1000 < 0)
        --seconds;

    // Draw order: eventID, then the sequence number.
    std::string eventId;
    appendEventId(eventId);
    const std::string sequenceNumber = nextSequenceNumber();
    const std::string newImage = wantNew ? imageJson(*change.newItem) : std::string();
    const std::string oldImage = wantOld ? imageJson(*change.oldItem) : std::string();

    RecordFields fields;
    fields.eventId = eventId;
    fields.eventName = eventName;
    fields.approximateCreationSeconds = seconds;
    fields.pk = change.pk;
    if (wantNew)
        fields.newImageJson = newImage;
    if (wantOld)
        fields.oldImageJson = oldImage;
    fields.sequenceNumber = sequenceNumber;
    fields.sizeBytes = sizeBytes;
    fields.viewType = m_viewType;
    fields.streamArn = kStreamArn;
    return formatRecord(fields);
}

std::string StreamRecordWriter::writeEvent(const std::vector<OrderChange>& changes) {
    std::string out = "{\"Records\":[";
    for (std::size_t i = 0; i < changes.size(); ++i) {
        if (i)
            out += ',';
        out += writeRecord(changes[i]);
    }
    out += "]}";
    return out;
}

std::string StreamRecordWriter::eventFromRecords(const std::vector<std::string>& records) {
    std::string out = "{\"Records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (i)
            out += ',';
        out += records[i];
    }
    out += "]}";
    return out;
}

std::size_t StreamRecordWriter::attributeValueSize(std::string_view attributeValueJson) {
    try {
        return dynamodb::valueSize(dynamodb::parseAttributeValue(js::parseJson(attributeValueJson)));
    } catch (const js::JsonParseError& e) {
        throw std::invalid_argument(std::string("AttributeValue JSON: ") + e.what());
    } catch (const dynamodb::ValidationError& e) {
        throw std::invalid_argument(std::string("AttributeValue JSON: ") + e.message());
    }
}

std::size_t StreamRecordWriter::imageSize(const Item& image) {
    std::size_t size = 0;
    for (const auto& [name, value] : image)
        size += name.size() + attributeValueSize(value);
    return size;
}

std::string_view StreamRecordWriter::viewTypeName(StreamViewType type) {
    switch (type) {
    case StreamViewType::KeysOnly: return "KEYS_ONLY";
    case StreamViewType::NewImage: return "NEW_IMAGE";
    case StreamViewType::OldImage: return "OLD_IMAGE";
    case StreamViewType::NewAndOldImages: break;
    }
    return "NEW_AND_OLD_IMAGES";
}

std::optional<StreamViewType> StreamRecordWriter::parseViewType(std::string_view name) {
    for (auto type : {StreamViewType::KeysOnly, StreamViewType::NewImage, StreamViewType::OldImage,
                      StreamViewType::NewAndOldImages})
        if (viewTypeName(type) == name)
            return type;
    return std::nullopt;
}

}  // namespace orderlab
