#include "command.h"

#include <cstdio>

namespace orderlab::app {

bool writeStdout(const QByteArray &bytes)
{
    const auto n = std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    return n == static_cast<std::size_t>(bytes.size()) && std::fflush(stdout) == 0;
}

int usageError(const QString &command, const QString &message, const QString &help)
{
    std::fprintf(stderr, "orderlab %s: %s\n\n%s", qPrintable(command), qPrintable(message), qPrintable(help));
    return BadUsage;
}

} // namespace orderlab::app
