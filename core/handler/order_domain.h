#pragma once
// The pizza shop's vocabulary, shared by the handler, the emulator, the gRPC server and the tests.
// Standard C++ only. Constants and pure functions: safe from any thread.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace orderlab {

/// The Momento cache the handler writes to and the emulator serves by default.
inline constexpr char kCacheName[] = "pizza";

/// An order's statuses in lifecycle order: inserted SUBMITTED, last DELIVERED.
inline constexpr std::array<std::string_view, 5> kOrderStatuses = {"SUBMITTED", "PREPARING", "BAKING",
                                                                   "OUT FOR DELIVERY", "DELIVERED"};

/// The position of `status` in kOrderStatuses; nullopt for any other text.
constexpr std::optional<std::size_t> orderStatusIndex(std::string_view status)
{
    for (std::size_t i = 0; i < kOrderStatuses.size(); ++i)
        if (kOrderStatuses[i] == status)
            return i;
    return std::nullopt;
}

/// The status that follows `status`; nullopt after the last one (DELIVERED) and for unknown text.
constexpr std::optional<std::string_view> nextOrderStatus(std::string_view status)
{
    const auto i = orderStatusIndex(status);
    if (!i || *i + 1 >= kOrderStatuses.size())
        return std::nullopt;
    return kOrderStatuses[*i + 1];
}

} // namespace orderlab
