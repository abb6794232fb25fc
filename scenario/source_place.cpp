#include "source_place.h"

namespace orderlab::scenario {

std::string SourcePlace::text() const
{
    if (line <= 0)
        return file;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ScenarioError::ScenarioError(SourcePlace place, const std::string &message)
    : std::runtime_error(place.text() + ": " + message), m_place(std::move(place)), m_message(message)
{
}

} // namespace orderlab::scenario
