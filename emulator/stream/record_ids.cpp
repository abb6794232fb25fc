#include "record_ids.h"

namespace orderlab {

RecordId RecordIdSource::next()
{
    static constexpr char kHex[] = "0123456789abcdef";
    RecordId id;
    id.eventId.reserve(32);
    for (int part = 0; part < 2; ++part) {
        const std::uint64_t r = m_random.next();
        for (int shift = 60; shift >= 0; shift -= 4)
            id.eventId += kHex[(r >> shift) & 0xf];
    }
    m_ordinal = m_ordinal == 0 ? 1 : m_ordinal + 1 + m_random.uniform(1000);
    id.ordinal = m_ordinal;
    id.sequenceNumber = sequenceNumberText(m_ordinal);
    return id;
}

std::string sequenceNumberText(std::uint64_t ordinal)
{
    std::string digits(21, '0');
    digits[0] = '1';
    for (std::size_t i = 20; i >= 1 && ordinal != 0; --i) {
        digits[i] = static_cast<char>('0' + ordinal % 10);
        ordinal /= 10;
    }
    return digits;
}

} // namespace orderlab
