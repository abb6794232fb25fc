#include "ca_options.h"

namespace orderlab::app {

std::optional<std::string> caDirectoryOption(const OptionParser &parser, const QString &option, QString &error)
{
    if (!parser.isSet(option))
        return tls::defaultCaDirectory();
    const std::string dir = parser.value(option).toStdString();
    if (dir.empty()) {
        error = parser.attributed(option, QStringLiteral("--%1 wants a folder").arg(option));
        return std::nullopt;
    }
    return dir;
}

std::optional<tls::LocalCa> localCa(const OptionParser &parser, const QString &option, const std::string &dir,
                                    const std::vector<std::string> &extraNames, QString &error)
{
    if (dir.empty()) {
        error = QStringLiteral("--%1 is needed: neither XDG_DATA_HOME nor HOME is set").arg(option);
        return std::nullopt;
    }
    std::string why;
    auto ca = tls::ensureLocalCa(dir, extraNames, why);
    if (!ca)
        error = parser.attributed(option, QStringLiteral("--%1: %2").arg(option, QString::fromStdString(why)));
    return ca;
}

} // namespace orderlab::app
