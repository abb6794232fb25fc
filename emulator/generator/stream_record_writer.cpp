#include "stream_record_writer.h"

#include <stdexcept>

namespace orderlab {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// Appends `s` as a JSON string literal, escaped as JavaScript's JSON.stringify does:
/// \" \\ \b \f \n \r \t, other control characters as \u00xx, everything else raw.
void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20) {
                out += "\\u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/// `N` size: ceil(significant digits / 2) + 1; leading and trailing zeros are not significant.
std::size_t numberSize(std::string_view n) {
    if (!n.empty() && (n.front() == '-' || n.front() == '+'))
        n.remove_prefix(1);
    if (const auto e = n.find_first_of("eE"); e != std::string_view::npos)
        n = n.substr(0, e);
    std::string digits;
    for (char c : n)
        if (c != '.')
            digits += c;
    const auto first = digits.find_first_not_of('0');
    std::size_t sig = 0;
    if (first != std::string::npos)
        sig = digits.find_last_not_of('0') - first + 1;
    if (sig == 0)
        sig = 1;
    return (sig + 1) / 2 + 1;
}

/// Bytes that Node's Buffer.from(text, 'base64') decodes.
std::size_t base64Size(std::string_view b64) {
    std::size_t chars = 0;
    for (char c : b64) {
        if (c == '=')
            break;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
            c == '/' || c == '-' || c == '_')
            ++chars;
    }
    return chars * 6 / 8;
}

/// Minimal JSON reader for AttributeValue text, computing the SizeBytes rule as it goes.
class AttributeSizer {
public:
    explicit AttributeSizer(std::string_view text) : m_text(text) {}

    std::size_t run() {
        const std::size_t size = value();
        skipSpace();
        if (m_pos != m_text.size())
            fail("trailing characters");
        return size;
    }

private:
    [[noreturn]] void fail(const char* what) const {
        throw std::invalid_argument(std::string("AttributeValue JSON: ") + what + " at offset " +
                                    std::to_string(m_pos));
    }

    void skipSpace() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool take(char c) {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!take(c))
            fail("unexpected character");
    }

    unsigned hex4() {
        if (m_pos + 4 > m_text.size())
            fail("bad \\u escape");
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("bad \\u escape");
        }
        return v;
    }

    static void appendUtf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xc0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xe0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (cp & 0x3f));
        }
    }

    /// Reads a string literal and returns it decoded to UTF-8 (a lone surrogate becomes U+FFFD,
    /// 3 bytes, as Node's Buffer.byteLength counts it).
    std::string string() {
        expect('"');
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size())
                fail("unterminated string");
            const char c = m_text[m_pos++];
            if (c == '"')
                return out;
            if (static_cast<unsigned char>(c) < 0x20)
                fail("control character in string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                fail("unterminated string");
            switch (m_text[m_pos++]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xd800 && cp <= 0xdbff && m_pos + 6 <= m_text.size() && m_text[m_pos] == '\\' &&
                    m_text[m_pos + 1] == 'u') {
                    const std::size_t save = m_pos;
                    m_pos += 2;
                    const unsigned lo = hex4();
                    if (lo >= 0xdc00 && lo <= 0xdfff)
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    else
                        m_pos = save;
                }
                if (cp >= 0xd800 && cp <= 0xdfff)
                    cp = 0xfffd;
                appendUtf8(out, cp);
                break;
            }
            default: fail("bad escape");
            }
        }
    }

    void skipValue() {
        skipSpace();
        if (m_pos >= m_text.size())
            fail("value expected");
        const char c = m_text[m_pos];
        if (c == '"') {
            string();
        } else if (c == '{') {
            ++m_pos;
            if (take('}'))
                return;
            do {
                string();
                expect(':');
                skipValue();
            } while (take(','));
            expect('}');
        } else if (c == '[') {
            ++m_pos;
            if (take(']'))
                return;
            do
                skipValue();
            while (take(','));
            expect(']');
        } else {
            const std::size_t start = m_pos;
            while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' &&
                   m_text[m_pos] != ']' && m_text[m_pos] != ' ')
                ++m_pos;
            if (m_pos == start)
                fail("value expected");
        }
    }

    template <typename Element>
    std::size_t array(Element element) {
        expect('[');
        std::size_t sum = 0;
        if (take(']'))
            return sum;
        do
            sum += element();
        while (take(','));
        expect(']');
        return sum;
    }

    /// One AttributeValue object; its first key decides the type, later keys are skipped.
    std::size_t value() {
        expect('{');
        if (take('}'))
            fail("attribute value without a type");
        const std::string type = string();
        expect(':');
        std::size_t size = 0;
        if (type == "S") {
            size = string().size();
        } else if (type == "N") {
            size = numberSize(string());
        } else if (type == "B") {
            size = base64Size(string());
        } else if (type == "BOOL" || type == "NULL") {
            skipValue();
            size = 1;
        } else if (type == "SS") {
            size = array([this] { return string().size(); });
        } else if (type == "NS") {
            size = array([this] { return numberSize(string()); });
        } else if (type == "BS") {
            size = array([this] { return base64Size(string()); });
        } else if (type == "L") {
            size = 3 + array([this] { return 1 + value(); });
        } else if (type == "M") {
            size = 3;
            expect('{');
            if (!take('}')) {
                do {
                    const std::string key = string();
                    expect(':');
                    size += 1 + key.size() + value();
                } while (take(','));
                expect('}');
            }
        } else {
            fail("unknown attribute type");
        }
        while (take(',')) {
            string();
            expect(':');
            skipValue();
        }
        expect('}');
        return size;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

void appendImage(std::string& out, const char* name, const Item& image) {
    out += ",\"";
    out += name;
    out += "\":{";
    bool first = true;
    for (const auto& [attribute, value] : image) {
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, attribute);
        out += ':';
        out += value;
    }
    out += '}';
}

}  // namespace

StreamRecordWriter::StreamRecordWriter(std::uint64_t seed, StreamViewType viewType) : m_viewType(viewType) {
    std::uint64_t sm = seed ^ 0x73747265616d7772ULL;  // a stream of its own, apart from the generator's
    for (auto& s : m_state)
        s = splitmix64(sm);
}

std::uint64_t StreamRecordWriter::nextRandom() {
    // xoshiro256**
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

std::string StreamRecordWriter::nextSequenceNumber() {
    if (m_sequenceOffset == 0) {
        m_sequenceOffset = 1;
    } else {
        // Gap of 1..1000, drawn without modulo bias.
        constexpr std::uint64_t kBound = 1000;
        const std::uint64_t threshold = (0 - kBound) % kBound;
        std::uint64_t r = nextRandom();
        while (r < threshold)
            r = nextRandom();
        m_sequenceOffset += 1 + r % kBound;
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
        const std::uint64_t r = nextRandom();
        for (int shift = 60; shift >= 0; shift -= 4)
            out += kHex[(r >> shift) & 0xf];
    }
}

std::string StreamRecordWriter::writeRecord(const OrderChange& change) {
    const char* eventName = "INSERT";
    bool wantNew = false;
    bool wantOld = false;
    const bool viewNew = m_viewType == StreamViewType::NewImage || m_viewType == StreamViewType::NewAndOldImages;
    const bool viewOld = m_viewType == StreamViewType::OldImage || m_viewType == StreamViewType::NewAndOldImages;
    switch (change.kind) {
    case OrderChange::Insert: wantNew = viewNew; break;
    case OrderChange::Modify:
        eventName = "MODIFY";
        wantNew = viewNew;
        wantOld = viewOld;
        break;
    case OrderChange::Remove:
        eventName = "REMOVE";
        wantOld = viewOld;
        break;
    }
    if (wantNew && !change.newItem)
        throw std::invalid_argument("StreamRecordWriter: " + std::string(eventName) + " of " + change.pk +
                                    " has no new item");
    if (wantOld && !change.oldItem)
        throw std::invalid_argument("StreamRecordWriter: " + std::string(eventName) + " of " + change.pk +
                                    " has no old item");

    std::string keyValue = "{\"S\":";
    appendJsonString(keyValue, change.pk);
    keyValue += '}';
    std::size_t sizeBytes = 2 + change.pk.size();  // "pk" + S bytes
    if (wantNew)
        sizeBytes += imageSize(*change.newItem);
    if (wantOld)
        sizeBytes += imageSize(*change.oldItem);

    std::int64_t seconds = change.commitTimeMs / 1000;
    if (change.commitTimeMs % 1000 < 0)
        --seconds;

    std::string out;
    out.reserve(256 + 2 * keyValue.size() + (wantNew || wantOld ? 1024 : 0));
    out += "{\"eventID\":\"";
    appendEventId(out);
    out += "\",\"eventName\":\"";
    out += eventName;
    out += "\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\","
           "\"dynamodb\":{\"ApproximateCreationDateTime\":";
    out += std::to_string(seconds);
    out += ",\"Keys\":{\"pk\":";
    out += keyValue;
    out += '}';
    if (wantNew)
        appendImage(out, "NewImage", *change.newItem);
    if (wantOld)
        appendImage(out, "OldImage", *change.oldItem);
    out += ",\"SequenceNumber\":\"";
    out += nextSequenceNumber();
    out += "\",\"SizeBytes\":";
    out += std::to_string(sizeBytes);
    out += ",\"StreamViewType\":\"";
    out += viewTypeName(m_viewType);
    out += "\"},\"eventSourceARN\":\"";
    out += kStreamArn;
    out += "\"}";
    return out;
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
    return AttributeSizer(attributeValueJson).run();
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
