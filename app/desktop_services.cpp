#include "desktop_services.h"

#include "momento_service.h"

namespace orderlab::app {

WindowServices desktopServices()
{
    return [](int momentoPort) {
        MomentoServerOptions options;
        options.port = momentoPort;
        std::vector<std::unique_ptr<WorldService>> services;
        services.push_back(std::make_unique<MomentoService>(options, /*fallbackToAnyPort=*/true));
        return services;
    };
}

} // namespace orderlab::app
