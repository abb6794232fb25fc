#pragma once

#include "desktop_services.h"
#include "desktop_settings.h"
#include "main_window.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace orderlab::test {

/// A main window with its settings in a temporary INI file (never the user's settings).
struct WindowFixture
{
    QTemporaryDir dir;

    QString settingsPath() const { return dir.filePath(QStringLiteral("orderlab.ini")); }

    /// `quiet`: no demo feed and 20 emulator seconds per second, unless the file says otherwise.
    std::unique_ptr<MainWindow> open(bool quiet = true) const
    {
        auto *settings = new QSettings(settingsPath(), QSettings::IniFormat);
        DesktopSettings stored(*settings);
        if (quiet && !stored.feeding.isStored()) {
            stored.feeding.set(false);
            stored.speed.set(20.0);
        }
        // As app composes it: the window's worlds host the Momento gRPC server and the AWS port.
        auto window = std::make_unique<MainWindow>(settings, app::desktopServices());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("the window was not exposed");
        return window;
    }
};

} // namespace orderlab::test
