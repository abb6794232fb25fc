#pragma once

#include "desktop_services.h"
#include "desktop_settings.h"
#include "main_window.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace orderlab::test {

/// A temporary XDG_DATA_HOME for a whole test, in QStandardPaths' test mode: the local CA that a handler process's
/// TLS port uses is made there, never in the user's data folder. Call use() from initTestCase.
struct TestDataHome
{
    QTemporaryDir dir;

    bool use()
    {
        QStandardPaths::setTestModeEnabled(true);
        return dir.isValid() && qputenv("XDG_DATA_HOME", dir.path().toUtf8());
    }
};

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
