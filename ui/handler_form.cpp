#include "handler_form.h"

#include "confirmation.h"
#include "emulator_controller.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace orderlab {

namespace {
enum Kind { Core, Process };
} // namespace

QString handlerChoiceError(const HandlerProcessChoice &choice)
{
    if (QString::fromStdString(choice.command).trimmed().isEmpty())
        return QObject::tr("Command: give the command that starts your runtime, e.g. npx aws-lambda-ric "
                           "index.handler or the path of orderlab-lambda");
    const QString dir = QString::fromStdString(choice.directory);
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return QObject::tr("Folder: '%1' is not an existing folder").arg(dir);
    if (QString::fromStdString(choice.handler).trimmed().isEmpty())
        return QObject::tr("Handler: give the _HANDLER value, e.g. index.handler");
    return {};
}

HandlerForm::HandlerForm(EmulatorController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_confirm(new Confirmation(this)), m_kind(new QComboBox(this)),
      m_command(new QLineEdit(this)), m_directory(new QLineEdit(this)), m_browse(new QPushButton(tr("Browse…"), this)),
      m_handler(new QLineEdit(this)), m_timeout(new QSpinBox(this)), m_memory(new QSpinBox(this)),
      m_note(new QLabel(this)), m_apply(new QPushButton(tr("Apply handler"), this))
{
    setObjectName(QStringLiteral("handlerForm"));
    m_kind->setObjectName(QStringLiteral("handlerKind"));
    m_kind->addItem(tr("Built-in core, in process"));
    m_kind->addItem(tr("A process, through the Lambda Runtime API"));
    m_command->setObjectName(QStringLiteral("handlerCommand"));
    m_command->setPlaceholderText(tr("npx aws-lambda-ric index.handler"));
    m_command->setToolTip(tr("Run with sh -c in the folder, with the Lambda environment "
                             "(AWS_LAMBDA_RUNTIME_API, _HANDLER, the Momento token and endpoints)"));
    m_directory->setObjectName(QStringLiteral("handlerDirectory"));
    m_handler->setObjectName(QStringLiteral("handlerName"));
    m_timeout->setObjectName(QStringLiteral("handlerTimeout"));
    m_timeout->setRange(1, 900);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("The function's timeout: a longer invocation is killed (Sandbox.Timedout) and "
                             "counts as a function error"));
    m_memory->setObjectName(QStringLiteral("handlerMemory"));
    m_memory->setRange(128, 10240);
    m_memory->setSuffix(tr(" MB"));
    m_note->setObjectName(QStringLiteral("handlerNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apply->setObjectName(QStringLiteral("applyHandler"));

    auto *folder = new QHBoxLayout;
    folder->setContentsMargins(0, 0, 0, 0);
    folder->addWidget(m_directory, 1);
    folder->addWidget(m_browse);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Handler"), m_kind);
    form->addRow(tr("Command"), m_command);
    form->addRow(tr("Folder"), folder);
    form->addRow(tr("_HANDLER"), m_handler);
    form->addRow(tr("Memory"), m_memory);
    form->addRow(tr("Timeout"), m_timeout);
    form->addRow(m_note);
    form->addRow(m_apply);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &HandlerForm::refresh);
    for (QLineEdit *edit : {m_command, m_directory, m_handler})
        connect(edit, &QLineEdit::textChanged, this, &HandlerForm::refresh);
    connect(m_timeout, &QSpinBox::valueChanged, this, &HandlerForm::refresh);
    connect(m_memory, &QSpinBox::valueChanged, this, &HandlerForm::refresh);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("The handler's folder"), m_directory->text());
        if (!dir.isEmpty())
            m_directory->setText(dir);
    });
    connect(m_apply, &QPushButton::clicked, this, &HandlerForm::askApply);
    load();
}

std::optional<HandlerProcessChoice> HandlerForm::choice() const
{
    if (m_kind->currentIndex() != Process)
        return std::nullopt;
    HandlerProcessChoice c;
    c.command = m_command->text().trimmed().toStdString();
    c.directory = m_directory->text().toStdString();
    c.handler = m_handler->text().trimmed().toStdString();
    c.memoryMb = m_memory->value();
    return c;
}

qint64 HandlerForm::timeoutMs() const
{
    return static_cast<qint64>(m_timeout->value()) * 1000;
}

QString HandlerForm::note() const
{
    return m_note->text();
}

void HandlerForm::load()
{
    m_loading = true;
    const LiveEmulator::Settings &s = m_controller.emulator().settings();
    const HandlerProcessChoice process = s.handler.value_or(HandlerProcessChoice{});
    m_kind->setCurrentIndex(s.handler ? Process : Core);
    m_command->setText(QString::fromStdString(process.command));
    m_directory->setText(QString::fromStdString(process.directory));
    m_handler->setText(QString::fromStdString(process.handler));
    m_memory->setValue(process.memoryMb);
    m_timeout->setValue(static_cast<int>(s.functionTimeoutMs / 1000));
    m_loading = false;
    refresh();
}

void HandlerForm::refresh()
{
    const bool process = m_kind->currentIndex() == Process;
    for (QWidget *w : std::initializer_list<QWidget *>{m_command, m_directory, m_browse, m_handler, m_memory})
        w->setEnabled(process);
    if (m_loading)
        return;
    const auto c = choice();
    const QString error = c ? handlerChoiceError(*c) : QString();
    const LiveEmulator::Settings &s = m_controller.emulator().settings();
    const bool changed = c != s.handler || timeoutMs() != s.functionTimeoutMs;
    m_apply->setEnabled(error.isEmpty() && changed);
    m_note->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b00020"));
    m_note->setText(!error.isEmpty() ? error
                    : process        ? tr("The process runs on the real clock at 1\u00d7: its timeout is wall time.")
                                     : QString());
}

void HandlerForm::askApply()
{
    m_confirm->ask(QStringLiteral("apply-handler"), tr("Run this handler?"),
                   tr("A new handler means a new emulator: the table, stream, cache and messages received are "
                      "discarded."),
                   tr("Apply"), [this] { apply(); });
}

QString HandlerForm::apply()
{
    const auto c = choice();
    if (c) {
        if (const QString error = handlerChoiceError(*c); !error.isEmpty()) {
            m_note->setText(error);
            return error;
        }
    }
    const LiveEmulator::Settings before = m_controller.emulator().settings();
    LiveEmulator::Settings settings = before;
    settings.handler = c;
    settings.functionTimeoutMs = timeoutMs();
    const QString error = m_controller.restart(settings);
    const bool running = m_controller.emulator().world() != nullptr;
    if (!error.isEmpty() && !running)
        m_controller.restart(before); // nothing could be hosted: the handler that ran before runs again
    load();
    if (!error.isEmpty()) {
        m_note->setStyleSheet(QStringLiteral("color: #b00020"));
        m_note->setText(running ? tr("Started, but: %1").arg(error)
                                : tr("Not started: %1. The handler that ran before runs again.").arg(error));
    }
    return error;
}

} // namespace orderlab
