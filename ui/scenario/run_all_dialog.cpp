#include "run_all_dialog.h"

#include "scenario_loader.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace orderlab {

using namespace scenario;

namespace {
QString statusText(CheckResult::Status s)
{
    switch (s) {
    case CheckResult::Status::Passed:
        return QStringLiteral("passed");
    case CheckResult::Status::Failed:
        return QStringLiteral("failed");
    case CheckResult::Status::Broken:
        return QStringLiteral("broken");
    }
    return {};
}
} // namespace

RunAllDialog::RunAllDialog(const QString &folder, scenario::ProcessHost host, QWidget *parent)
    : QDialog(parent), m_summary(new QLabel(this)), m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("runAllDialog"));
    setWindowTitle(tr("Run all: %1").arg(folder));
    m_summary->setObjectName(QStringLiteral("runAllSummary"));
    m_table->setObjectName(QStringLiteral("runAllTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Scenario"), tr("Result"), tr("Time"), tr("Message")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(800, 420);

    m_paths = findScenarios({folder.toStdString()}, nullptr);
    m_results.resize(m_paths.size());
    m_table->setRowCount(static_cast<int>(m_paths.size()));
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
        const QString dir = QString::fromStdString(m_paths[i]).section(QLatin1Char('/'), -2, -2);
        m_table->setItem(int(i), Name, new QTableWidgetItem(dir));
        m_table->setItem(int(i), Status, new QTableWidgetItem(tr("running…")));
        m_table->setItem(int(i), Time, new QTableWidgetItem);
        m_table->setItem(int(i), Message, new QTableWidgetItem);
    }
    m_summary->setText(m_paths.empty() ? tr("No scenario.yaml under %1.").arg(folder)
                                       : tr("Checking %n scenario(s)…", nullptr, int(m_paths.size())));
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (row < 0 || std::size_t(row) >= m_paths.size() || m_results[std::size_t(row)].path.empty())
            return; // not checked yet
        if (m_results[std::size_t(row)].status == CheckResult::Status::Failed)
            showDetails(row);
        else
            emit openScenario(QString::fromStdString(m_paths[std::size_t(row)]));
    });
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    for (std::size_t i = 0; i < m_paths.size(); ++i)
        m_pool.start([this, i, path = m_paths[i], host] {
            CheckResult r = checkScenario(path, false, HandlerHosting{host, std::nullopt});
            QMetaObject::invokeMethod(
                this, [this, i, r] { take(i, r); }, Qt::QueuedConnection);
        });
    if (m_paths.empty())
        QMetaObject::invokeMethod(this, &RunAllDialog::allFinished, Qt::QueuedConnection);
}

RunAllDialog::~RunAllDialog()
{
    m_pool.clear(); // checks not started yet never start; the ones running end with m_pool
}

void RunAllDialog::take(std::size_t row, const CheckResult &r)
{
    m_results[row] = r;
    ++m_done;
    const int i = int(row);
    m_table->item(i, Name)->setText(QString::fromStdString(r.name));
    m_table->item(i, Status)->setText(statusText(r.status));
    m_table->item(i, Status)->setBackground(r.status == CheckResult::Status::Passed ? QColor(200, 240, 200)
                                                                                    : QColor(250, 200, 200));
    m_table->item(i, Time)->setText(QStringLiteral("%1 s").arg(r.seconds, 0, 'f', 2));
    m_table->item(i, Message)->setText(QString::fromStdString(r.message));
    m_table->item(i, Message)->setToolTip(QString::fromStdString(r.details));
    int passed = 0;
    for (const auto &x : m_results)
        passed += !x.path.empty() && x.status == CheckResult::Status::Passed;
    m_summary->setText(tr("%1 of %2 checked: %3 passed, %4 failed")
                           .arg(m_done)
                           .arg(m_paths.size())
                           .arg(passed)
                           .arg(int(m_done) - passed));
    if (finished())
        emit allFinished();
}

void RunAllDialog::showDetails(int row)
{
    const CheckResult &r = m_results[std::size_t(row)];
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("runAllDetails"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QString::fromStdString(r.name));
    auto *text = new QPlainTextEdit(QString::fromStdString(r.message + "\n\n" + r.details), dialog);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFont(QStringLiteral("monospace")));
    auto *open = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, dialog);
    connect(open, &QDialogButtonBox::accepted, this, [this, dialog, path = r.path] {
        emit openScenario(QString::fromStdString(path));
        dialog->close();
    });
    connect(open, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(open);
    dialog->resize(800, 500);
    dialog->show();
}

} // namespace orderlab
