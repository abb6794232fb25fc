#include "invocations_pane.h"

#include "invocations_model.h"
#include "json_text.h"
#include "live/live_emulator.h"
#include "time_text.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace orderlab {

InvocationsPane::InvocationsPane(LiveEmulator &emulator, QWidget *parent)
    : QWidget(parent), m_model(new InvocationsModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)), m_failuresOnly(new QCheckBox(tr("Failures only"), this)),
      m_detail(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("invocationsPane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(InvocationsModel::FailedRole);
    m_view->setObjectName(QStringLiteral("invocationsView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setStretchLastSection(true);
    for (int c : {InvocationsModel::Id, InvocationsModel::Shard, InvocationsModel::Lane, InvocationsModel::Records})
        m_view->setColumnWidth(c, 55);
    m_view->setColumnWidth(InvocationsModel::Result, 190);
    m_detail->setObjectName(QStringLiteral("invocationDetail"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_failuresOnly->setObjectName(QStringLiteral("failuresOnly"));
    connect(m_failuresOnly, &QCheckBox::toggled, this,
            [this](bool on) { m_proxy->setFilterFixedString(on ? QStringLiteral("true") : QString()); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Every handler call: its records, duration, result and response"), this), 1);
    bar->addWidget(m_failuresOnly);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &InvocationsPane::showDetail);
    connect(&emulator, &LiveEmulator::batchReady, this, &InvocationsPane::applyBatch);
}

void InvocationsPane::applyBatch(const EmulatorBatch &batch)
{
    if (batch.invocations.isEmpty())
        return;
    m_model->apply(batch.invocations);
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid()) {
        const quint64 id = current.data(InvocationsModel::IdRole).toULongLong();
        for (const InvocationRow &i : batch.invocations)
            if (i.id == id && i.finished) {
                showDetail(current);
                break;
            }
    }
}

void InvocationsPane::showDetail(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const InvocationRow &i = m_model->invocation(m_proxy->mapToSource(current).row());
    QString text = tr("Invocation %1 — shard %2, lane %3, attempt %4%5\n")
                       .arg(i.id)
                       .arg(i.shard)
                       .arg(i.lane)
                       .arg(i.attempt)
                       .arg(i.redelivery ? tr(" (redelivery)") : QString());
    text += tr("Started %1").arg(time_text::clock(i.startedAt));
    if (i.finished)
        text += tr(", took %1\nResult: %2\n").arg(time_text::duration(i.finishedAt - i.startedAt), i.outcome);
    else
        text += tr(", running\n");
    text +=
        tr("\nRecords (%1):\n  %2\n").arg(i.sequenceNumbers.size()).arg(i.sequenceNumbers.join(QStringLiteral("\n  ")));
    if (i.finished)
        text += tr("\nResponse / error:\n%1\n").arg(json_text::pretty(i.response));
    if (!i.log.isEmpty())
        text +=
            tr("\nLog (the handler process's output, as Lambda writes it):\n%1\n").arg(i.log.join(QLatin1Char('\n')));
    m_detail->setPlainText(text);
    emit invocationSelected(i);
}

void InvocationsPane::clear()
{
    m_model->clear();
    m_detail->clear();
}

} // namespace orderlab
