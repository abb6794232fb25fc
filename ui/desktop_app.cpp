#include "desktop_app.h"

#include "flow/flow_feature.h"
#include "flow/flow_model.h"
#include "flow/flow_pane.h"
#include "flow/presentation_window.h"
#include "main_window.h"
#include "option_parser.h"
#include "orders_model.h"
#include "orders_pane.h"
#include "text/number_text.h"

#include <QApplication>
#include <QRegularExpression>
#include <QSettings>
#include <QSize>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>

namespace orderlab {

namespace {
constexpr double kMaxAfterSeconds = 86400;

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}
} // namespace

bool desktopRequested(int argc, char **argv)
{
    bool screenshot = !qEnvironmentVariableIsEmpty(qPrintable(cli::environmentVariable(QStringLiteral("screenshot"))));
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (i == 1 && a[0] != '-')
            return false; // a subcommand
        if (!std::strcmp(a, "--help") || !std::strcmp(a, "-h") || !std::strcmp(a, "--version"))
            return false;
        if (!std::strcmp(a, "--screenshot"))
            screenshot = true;
    }
    if (screenshot && !hasDisplay())
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return hasDisplay();
}

int runDesktop(int &argc, char **argv, WindowServices services)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("orderlab"));
    QApplication::setApplicationName(QStringLiteral("orderlab"));
    QApplication::setApplicationVersion(QStringLiteral(ORDERLAB_VERSION));

    cli::OptionParser parser;
    parser.setApplicationDescription(QStringLiteral("orderlab: the order pipeline live in one window"));
    const QString screenshot = QStringLiteral("screenshot"), after = QStringLiteral("after"),
                  settingsFile = QStringLiteral("settings"), fresh = QStringLiteral("fresh"),
                  size = QStringLiteral("size"), present = QStringLiteral("present");
    parser.addOptions({
        {screenshot, QStringLiteral("Render the window to FILE (PNG) and exit."), QStringLiteral("FILE")},
        {after, QStringLiteral("With --screenshot: wait SECONDS first (default 3)."), QStringLiteral("SECONDS"),
         QStringLiteral("3")},
        {size, QStringLiteral("Open the window at WIDTHxHEIGHT pixels (e.g. 1280x800), as for --screenshot."),
         QStringLiteral("WxH")},
        {settingsFile, QStringLiteral("Keep settings in this INI file (not with --fresh)."), QStringLiteral("FILE")},
        {fresh, QStringLiteral("Start from default settings and keep nothing (not with --settings).")},
        {present, QStringLiteral("Open the Flow view in presentation mode (full screen, or at --size); "
                                 "--screenshot then renders it.")},
    });
    if (!parser.parse(QApplication::arguments())) { // with ORDERLAB_SCREENSHOT, ORDERLAB_AFTER, ...
        std::fprintf(stderr, "orderlab: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    // At most a day, so that the milliseconds fit QTimer's int (docs/command-line.md, "Numbers").
    double seconds = 3;
    const std::string afterError =
        text::readNumber("--after", parser.value(after).toStdString(), 0, kMaxAfterSeconds, seconds);
    if (!afterError.empty()) {
        std::fprintf(stderr, "orderlab: %s\n",
                     qPrintable(parser.attributed(after, QString::fromStdString(afterError))));
        return 2;
    }

    QSize windowSize;
    if (parser.isSet(size)) {
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("^(\\d{3,4})x(\\d{3,4})$")).match(parser.value(size));
        windowSize = m.hasMatch() ? QSize(m.captured(1).toInt(), m.captured(2).toInt()) : QSize();
        if (windowSize.width() < 320 || windowSize.height() < 240 || windowSize.width() > 7680 ||
            windowSize.height() > 4320) {
            const QString message = QStringLiteral("--size wants WIDTHxHEIGHT between 320x240 and 7680x4320, got '%1'")
                                        .arg(parser.value(size));
            std::fprintf(stderr, "orderlab: %s\n", qPrintable(parser.attributed(size, message)));
            return 2;
        }
    }

    if (parser.isSet(fresh) && parser.isSet(settingsFile)) {
        // Before, the pair silently kept nothing: --fresh won and FILE was never written.
        std::fprintf(stderr, "orderlab: %s\n",
                     qPrintable(parser.attributed(fresh, QStringLiteral("--fresh and --settings exclude each other: "
                                                                        "--fresh keeps nothing, --settings FILE keeps "
                                                                        "the settings in FILE"))));
        return 2;
    }
    QTemporaryDir scratch;
    QSettings *settings = nullptr;
    if (parser.isSet(fresh))
        settings = new QSettings(scratch.filePath(QStringLiteral("orderlab.ini")), QSettings::IniFormat);
    else if (parser.isSet(settingsFile))
        settings = new QSettings(parser.value(settingsFile), QSettings::IniFormat);
    else
        settings = new QSettings;
    auto window = std::make_unique<MainWindow>(settings, std::move(services));
    if (windowSize.isValid())
        window->resize(windowSize);
    window->show();
    PresentationWindow *presentation = nullptr;
    if (parser.isSet(present)) {
        window->flow()->setPresenting(true);
        presentation = window->flow()->presentation();
        if (windowSize.isValid()) { // a given size wins over full screen (a screenshot of a known size)
            presentation->showNormal();
            presentation->resize(windowSize);
        }
    }
    QWidget *shown = presentation ? static_cast<QWidget *>(presentation) : window.get();

    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        // Something selected shows more: the newest order, its item JSON and its trace.
        // In presentation mode: an order followed, its path highlighted and its timeline on the phone.
        QTimer::singleShot(static_cast<int>(qMax(0.0, seconds - 1.0) * 1000), window.get(), [&window, presentation] {
            if (presentation) { // the order the Order app heard about last: its timeline fills the phone
                const QString pk = window->flow()->model().orderAppOrder();
                if (pk.isEmpty())
                    presentation->pane()->followNewest();
                else
                    presentation->pane()->followBox()->setText(pk);
                return;
            }
            const OrdersModel *orders = window->ordersPane()->model();
            if (orders->rowCount() > 0)
                window->ordersPane()->selectOrder(orders->order(0).pk);
        });
        QTimer::singleShot(static_cast<int>(seconds * 1000), window.get(), [shown, path] {
            const bool saved = shown->grab().save(path, "PNG");
            if (saved)
                std::printf("screenshot saved: %s\n", qPrintable(path));
            else
                std::fprintf(stderr, "orderlab: could not write %s\n", qPrintable(path));
            std::fflush(stdout);
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}

} // namespace orderlab
