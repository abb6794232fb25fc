#pragma once

#include <QString>

namespace orderlab::time_text {

/// Emulator time (ms since the Unix epoch on the emulator's clock) as UTC `HH:mm:ss.zzz`.
QString clock(qint64 ms);

/// Emulator time with its date, `yyyy-MM-dd HH:mm:ss.zzz UTC`.
QString dateTime(qint64 ms);

/// A duration as `850 ms`, `12.4 s` or `3 min 05 s`.
QString duration(qint64 ms);

} // namespace orderlab::time_text
