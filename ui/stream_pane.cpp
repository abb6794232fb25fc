#include "stream_pane.h"

#include "emulator_controller.h"
#include "handler_form.h"
#include "json_text.h"
#include "lanes_model.h"
#include "mapping_form.h"
#include "records_model.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStringListModel>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace orderlab {

namespace {
constexpr int kFailuresShown = 500;

QTableView *table(QWidget *parent, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(22);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}
} // namespace

StreamPane::StreamPane(EmulatorController &controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_records(new RecordsModel(this)),
      m_shardFilter(new QSortFilterProxyModel(this)), m_lanes(new LanesModel(this)),
      m_failures(new QStringListModel(this)), m_warnings(new QStringListModel(this)),
      m_mapping(new MappingForm(controller, this)), m_handler(new HandlerForm(controller, this)),
      m_recordsView(table(this, QStringLiteral("recordsView"))), m_lanesView(table(this, QStringLiteral("lanesView"))),
      m_failuresView(new QListView(this)), m_failureDetail(new QPlainTextEdit(this)),
      m_failuresSummary(new QLabel(this)), m_shard(new QComboBox(this)), m_lanesSummary(new QLabel(this)),
      m_trimMarker(new QLabel(this)), m_poll(new QTimer(this))
{
    setObjectName(QStringLiteral("streamPane"));
    m_shardFilter->setSourceModel(m_records);
    m_shardFilter->setFilterRole(RecordsModel::ShardRole);
    m_recordsView->setModel(m_shardFilter);
    m_recordsView->setColumnWidth(RecordsModel::Shard, 50);
    m_recordsView->setColumnWidth(RecordsModel::Sequence, 190);
    m_recordsView->setColumnWidth(RecordsModel::Event, 70);
    m_recordsView->setColumnWidth(RecordsModel::Pk, 120);
    m_lanesView->setModel(m_lanes);
    m_failuresView->setObjectName(QStringLiteral("failuresView"));
    m_failuresView->setModel(m_failures);
    m_failureDetail->setReadOnly(true);
    m_failureDetail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *warningsView = new QListView(this);
    warningsView->setObjectName(QStringLiteral("warningsView"));
    warningsView->setModel(m_warnings);
    warningsView->setWordWrap(true);

    // Records, per shard.
    auto *recordsBox = new QWidget(this);
    auto *recordsBar = new QHBoxLayout;
    recordsBar->addWidget(new QLabel(tr("<b>Stream records</b>"), this));
    recordsBar->addStretch(1);
    recordsBar->addWidget(m_shard);
    auto *recordsLayout = new QVBoxLayout(recordsBox);
    recordsLayout->setContentsMargins(0, 0, 0, 0);
    recordsLayout->addLayout(recordsBar);
    m_trimMarker->setObjectName(QStringLiteral("trimMarker"));
    m_trimMarker->setWordWrap(true);
    m_trimMarker->setStyleSheet(QStringLiteral("background: #fff4d6; color: #6b4e00; padding: 2px 4px"));
    m_trimMarker->hide();
    recordsLayout->addWidget(m_trimMarker);
    recordsLayout->addWidget(m_recordsView);
    m_shard->setObjectName(QStringLiteral("shardFilter"));
    connect(m_shard, &QComboBox::currentIndexChanged, this, [this](int i) { setShard(i - 1); });

    // Lanes.
    auto *lanesBox = new QWidget(this);
    auto *redeliver = new QPushButton(tr("Redeliver last batch"), this);
    redeliver->setToolTip(tr("Invoke the handler again with the selected lane's last batch"));
    connect(redeliver, &QPushButton::clicked, this, [this] {
        // Lanes come shard by shard: the shard's index is its place among the distinct shard ids.
        const QModelIndex current = m_lanesView->currentIndex();
        const QString shardId =
            m_lanes->index(current.isValid() ? current.row() : 0, LanesModel::Shard).data().toString();
        QStringList ids;
        for (int i = 0; i < m_lanes->rowCount(); ++i)
            if (const QString id = m_lanes->index(i, LanesModel::Shard).data().toString(); !ids.contains(id))
                ids << id;
        const QString error = m_controller.emulator().redeliver(qMax(0, static_cast<int>(ids.indexOf(shardId))));
        m_lanesSummary->setText(error.isEmpty() ? tr("redelivered %1's last batch").arg(shardId) : error);
    });
    auto *lanesBar = new QHBoxLayout;
    lanesBar->addWidget(new QLabel(tr("<b>Mapping lanes</b>"), this));
    lanesBar->addWidget(m_lanesSummary, 1);
    lanesBar->addWidget(redeliver);
    auto *lanesLayout = new QVBoxLayout(lanesBox);
    lanesLayout->setContentsMargins(0, 0, 0, 0);
    lanesLayout->addLayout(lanesBar);
    lanesLayout->addWidget(m_lanesView);

    // Failure list, mapping settings, warnings.
    m_failuresSummary->setObjectName(QStringLiteral("failuresSummary"));
    m_failuresSummary->setWordWrap(true);
    m_failureDetail->setObjectName(QStringLiteral("failureDetail"));
    m_failureDetail->setPlaceholderText(tr("Select a failure record to see it whole"));
    auto *failureViews = new QSplitter(Qt::Horizontal, this);
    failureViews->addWidget(m_failuresView);
    failureViews->addWidget(m_failureDetail);
    auto *failures = new QWidget(this);
    auto *failuresLayout = new QVBoxLayout(failures);
    failuresLayout->setContentsMargins(2, 2, 2, 2);
    failuresLayout->addWidget(m_failuresSummary);
    failuresLayout->addWidget(failureViews, 1);
    showFailureCount(0);
    // The mapping's settings, then its function (the Handler group).
    auto *mappingPage = new QWidget(this);
    auto *mappingLayout = new QVBoxLayout(mappingPage);
    mappingLayout->addWidget(m_mapping);
    auto *handlerBox = new QGroupBox(tr("Function"), mappingPage);
    auto *handlerLayout = new QVBoxLayout(handlerBox);
    handlerLayout->addWidget(m_handler);
    mappingLayout->addWidget(handlerBox);
    mappingLayout->addStretch(1);
    auto *mappingScroll = new QScrollArea(this);
    mappingScroll->setWidget(mappingPage);
    mappingScroll->setWidgetResizable(true);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("streamTabs"));
    tabs->addTab(mappingScroll, tr("Mapping settings"));
    tabs->addTab(failures, tr("Failure list"));
    tabs->addTab(warningsView, tr("Warnings"));
    connect(m_failuresView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                m_failureDetail->setPlainText(json_text::pretty(current.data().toString()));
            });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("streamSplitter"));
    splitter->addWidget(recordsBox);
    splitter->addWidget(lanesBox);
    splitter->addWidget(tabs);
    // The records are what people read most: at a laptop's 1280×800 the tabs' pages (the mapping form, the failure
    // list's two views) must not take the rows from them (issue 12, item 15); each page scrolls or splits instead.
    tabs->setMinimumHeight(tabs->tabBar()->sizeHint().height() + 48);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({400, 100, 200});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_recordsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit recordSelected(m_records->record(m_shardFilter->mapToSource(current).row()));
            });
    connect(&m_controller.emulator(), &LiveEmulator::batchReady, this, &StreamPane::applyBatch);
    connect(&m_controller, &EmulatorController::restarted, m_mapping, &MappingForm::load);
    connect(&m_controller, &EmulatorController::restarted, m_handler, &HandlerForm::load);
    connect(m_poll, &QTimer::timeout, this, &StreamPane::poll);
    m_poll->start(250);
    updateShards(m_controller.emulator().settings().shards);
}

void StreamPane::updateShards(int shards)
{
    if (m_shard->count() == shards + 1)
        return;
    const QSignalBlocker block(m_shard);
    m_shard->clear();
    m_shard->addItem(tr("All shards"));
    for (int i = 0; i < shards; ++i)
        m_shard->addItem(tr("Shard %1").arg(i));
    setShard(-1);
}

void StreamPane::setShard(int shard)
{
    m_shardFilter->setFilterRegularExpression(shard < 0 ? QString() : QStringLiteral("^%1$").arg(shard));
    if (m_shard->currentIndex() != shard + 1) {
        const QSignalBlocker block(m_shard);
        m_shard->setCurrentIndex(shard + 1);
    }
}

void StreamPane::applyBatch(const EmulatorBatch &batch)
{
    m_records->apply(batch.records);
    m_records->applyTrims(batch.trims);
    m_records->setClock(batch.status.clock);
    if (!batch.trims.isEmpty()) {
        const TrimRow &last = m_records->lastTrim();
        m_trimMarker->setText(
            tr("%n record(s) trimmed from the stream so far; the latest: %1 from shard %2 by its %3. Readers past "
               "them get TrimmedDataAccessException; records the mapping had not read are lost.",
               nullptr, static_cast<int>(qMin<qint64>(m_records->trimmedTotal(), INT_MAX)))
                .arg(last.records)
                .arg(last.shard)
                .arg(last.byAge ? tr("24 h retention") : tr("size cap (--stream-max-records, --stream-max-bytes)")));
        m_trimMarker->show();
    }
    if (!batch.warnings.isEmpty()) {
        QStringList all = m_warnings->stringList();
        all << batch.warnings;
        m_warnings->setStringList(all.mid(qMax<qsizetype>(0, all.size() - 200)));
    }
}

void StreamPane::poll()
{
    if (!isVisible())
        return;
    const LiveEmulator &e = m_controller.emulator();
    updateShards(e.settings().shards);
    m_lanes->setLanes(e.lanes());
    const int blocked = m_lanes->blockedCount();
    m_lanesSummary->setText(blocked == 0   ? QString()
                            : blocked == 1 ? tr("1 lane blocked")
                                           : tr("%1 lanes blocked").arg(blocked));
    m_lanesSummary->setStyleSheet(blocked ? QStringLiteral("color: #b00020") : QString());
    const QStringList failures = e.failureList();
    if (failures.size() != m_failureCount) {
        m_failureCount = static_cast<int>(failures.size());
        m_failures->setStringList(failures.mid(qMax<qsizetype>(0, failures.size() - kFailuresShown)));
        showFailureCount(m_failureCount);
    }
}

void StreamPane::clear()
{
    m_records->clear();
    m_trimMarker->hide();
    m_lanes->setLanes({});
    m_failures->setStringList({});
    m_warnings->setStringList({});
    m_failureDetail->clear();
    m_failureCount = -1;
    showFailureCount(0);
}

void StreamPane::showFailureCount(int count)
{
    m_failuresSummary->setText(
        count == 0 ? tr("No records discarded. When a batch's retries run out or its records grow too old, the "
                        "mapping discards them and sends a failure record here (its on-failure destination).")
                   : tr("%1 discarded: the mapping's failure records, newest last%2. Select one to see it.")
                         .arg(count == 1 ? tr("1 record batch") : tr("%1 record batches").arg(count))
                         .arg(count > kFailuresShown ? tr(" (the latest %1 shown)").arg(kFailuresShown) : QString()));
}

} // namespace orderlab
