#include "cache_pane.h"

#include "cache_model.h"
#include "json_text.h"
#include "live/live_emulator.h"
#include "shown_count.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace orderlab {

CachePane::CachePane(LiveEmulator &emulator, QWidget *parent)
    : QWidget(parent), m_emulator(emulator),
      m_model(new CacheModel([&emulator](const QString &key) { return emulator.cacheValue(key); }, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_view(new QTableView(this)), m_filter(new QLineEdit(this)),
      m_count(new QLabel(this)), m_keyLabel(new QLabel(this)), m_value(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("cachePane"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(CacheModel::Key);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setObjectName(QStringLiteral("cacheView"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setSectionResizeMode(CacheModel::Value, QHeaderView::Stretch);
    m_view->setColumnWidth(CacheModel::Key, 150);
    m_view->setColumnWidth(CacheModel::Size, 60);
    m_view->setColumnWidth(CacheModel::Ttl, 70);
    m_filter->setObjectName(QStringLiteral("cacheFilter"));
    m_filter->setPlaceholderText(tr("Filter by key"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    m_value->setObjectName(QStringLiteral("cacheValue"));
    m_value->setReadOnly(true);
    m_value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_value->setPlaceholderText(tr("Select a key to see its value"));
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *copy = new QAction(tr("Copy value"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &CachePane::copyValue);
    auto *copyKey = new QAction(tr("Copy key"), this);
    connect(copyKey, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_shownKey); });
    m_view->addAction(copy);
    m_view->addAction(copyKey);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copyButton = new QPushButton(tr("Copy value"), this);
    connect(copyButton, &QPushButton::clicked, this, &CachePane::copyValue);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_count);
    auto *valueBar = new QHBoxLayout;
    valueBar->addWidget(m_keyLabel, 1);
    valueBar->addWidget(copyButton);
    auto *valueBox = new QWidget(this);
    auto *valueLayout = new QVBoxLayout(valueBox);
    valueLayout->setContentsMargins(0, 0, 0, 0);
    valueLayout->addLayout(valueBar);
    valueLayout->addWidget(m_value);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("cacheSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(valueBox);
    // Both halves readable at 1280×800: at least six rows of keys and six lines of value (issue 12, item 15).
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({300, 200});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CachePane::showValue);
    connect(&emulator, &LiveEmulator::batchReady, this, &CachePane::applyBatch);
    onRowCountChange(m_proxy, this, [this] { updateCount(); });
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this] { updateCount(); });
}

void CachePane::applyBatch(const EmulatorBatch &batch)
{
    m_model->apply(batch.cache, batch.status.clock);
    if (batch.status.cacheKeys != m_totalKeys || !batch.cache.isEmpty()) {
        m_totalKeys = batch.status.cacheKeys;
        updateCount();
    }
    for (const CacheRow &c : batch.cache)
        if (c.key == m_shownKey) {
            showValue();
            break;
        }
}

void CachePane::updateCount()
{
    int shown = 0, leaving = 0;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        ++(m_proxy->index(r, 0).data(CacheModel::LeavingRole).toBool() ? leaving : shown);
    m_count->setText(cacheCountText(shown, static_cast<qint64>(m_totalKeys), leaving));
}

bool CachePane::selectKey(const QString &key)
{
    const int row = m_model->rowOf(key);
    const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void CachePane::showValue()
{
    const QModelIndex current = m_view->currentIndex();
    m_shownKey = current.isValid() ? current.data(CacheModel::KeyRole).toString() : QString();
    if (m_shownKey.isEmpty()) {
        m_keyLabel->clear();
        m_value->clear();
        return;
    }
    const QByteArray value = m_emulator.cacheValue(m_shownKey);
    // The list's Size is the item's size as Momento counts it (key + value); the detail says the same, then the
    // value alone (issue 12, item 14: "264 B" in the list, "247 bytes" here).
    const qsizetype itemBytes = m_shownKey.toUtf8().size() + value.size();
    m_keyLabel->setText(value.isNull() ? tr("<b>%1</b> (gone)").arg(m_shownKey.toHtmlEscaped())
                                       : tr("<b>%1</b> · %2 B (key + value; the value %3 B)")
                                             .arg(m_shownKey.toHtmlEscaped())
                                             .arg(itemBytes)
                                             .arg(value.size()));
    m_value->setPlainText(json_text::pretty(QString::fromUtf8(value)));
}

QString CachePane::countText() const
{
    return m_count->text();
}

QString CachePane::keyText() const
{
    return m_keyLabel->text();
}

QString CachePane::valueText() const
{
    return m_value->toPlainText();
}

void CachePane::copyValue()
{
    QApplication::clipboard()->setText(m_value->toPlainText());
}

void CachePane::clear()
{
    m_totalKeys = 0;
    m_model->clear();
    m_value->clear();
    m_keyLabel->clear();
    m_shownKey.clear();
}

} // namespace orderlab
