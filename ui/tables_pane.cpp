#include "tables_pane.h"

#include "item_json_editor.h"
#include "json_text.h"
#include "live/live_emulator.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace orderlab {

namespace {
QTableView *view(QWidget *parent, const QString &name, QStandardItemModel *model)
{
    auto *v = new QTableView(parent);
    v->setObjectName(name);
    v->setModel(model);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->setEditTriggers(QAbstractItemView::NoEditTriggers);
    v->verticalHeader()->hide();
    v->horizontalHeader()->setStretchLastSection(true);
    return v;
}

void setRow(QStandardItemModel *model, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        if (QStandardItem *item = model->item(row, c)) {
            if (item->text() != cells[c])
                item->setText(cells[c]);
        } else {
            model->setItem(row, c, new QStandardItem(cells[c]));
        }
    }
}
} // namespace

TablesPane::TablesPane(LiveEmulator &emulator, QWidget *parent)
    : QWidget(parent), m_emulator(emulator), m_tables(new QStandardItemModel(0, 5, this)),
      m_items(new QStandardItemModel(0, 2, this)), m_tablesView(view(this, QStringLiteral("tablesView"), m_tables)),
      m_itemsView(view(this, QStringLiteral("tableItemsView"), m_items)),
      m_editor(
          new ItemJsonEditor([this](const QString &json) { return m_emulator.putTableItem(m_table, json); }, this)),
      m_first(new QPushButton(tr("First page"), this)), m_next(new QPushButton(tr("Next page"), this)),
      m_delete(new QPushButton(tr("Delete item"), this)), m_page(new QLabel(this)), m_message(new QLabel(this)),
      m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("tablesPane"));
    m_tables->setHorizontalHeaderLabels({tr("Table"), tr("Key"), tr("Items"), tr("Size"), tr("Stream")});
    m_items->setHorizontalHeaderLabels({tr("Key"), tr("Item")});
    m_first->setObjectName(QStringLiteral("tablesFirstPage"));
    m_next->setObjectName(QStringLiteral("tablesNextPage"));
    m_delete->setObjectName(QStringLiteral("tablesDeleteItem"));
    m_page->setObjectName(QStringLiteral("tablesPage"));
    m_message->setObjectName(QStringLiteral("tablesMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *pager = new QHBoxLayout;
    pager->addWidget(m_page, 1);
    pager->addWidget(m_first);
    pager->addWidget(m_next);
    pager->addWidget(m_delete);
    auto *itemsBox = new QWidget(this);
    auto *itemsLayout = new QVBoxLayout(itemsBox);
    itemsLayout->setContentsMargins(0, 0, 0, 0);
    itemsLayout->addLayout(pager);
    itemsLayout->addWidget(m_itemsView, 1);
    itemsLayout->addWidget(m_message);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tablesView);
    splitter->addWidget(itemsBox);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_tablesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    selectTable(m_tables->item(current.row(), 0)->text());
            });
    connect(m_itemsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showItem(current.isValid() ? current.row() : -1); });
    connect(m_first, &QPushButton::clicked, this, &TablesPane::firstPage);
    connect(m_next, &QPushButton::clicked, this, &TablesPane::nextPage);
    connect(m_delete, &QPushButton::clicked, this, &TablesPane::deleteSelected);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_refresh->start(kRefreshMs);
    refresh();
}

QString TablesPane::pageText() const
{
    return m_page->text();
}

void TablesPane::refresh()
{
    const QList<TableSummary> tables = m_emulator.tables();
    m_tables->setRowCount(static_cast<int>(tables.size()));
    for (int r = 0; r < tables.size(); ++r) {
        const TableSummary &t = tables[r];
        setRow(m_tables, r,
               {t.pipeline ? tr("%1 (the pipeline's)").arg(t.name) : t.name, t.keySchema, QString::number(t.items),
                QString::number(t.bytes), t.stream.isEmpty() ? tr("none") : t.stream});
        m_tables->item(r, 0)->setData(t.name, Qt::UserRole);
    }
    const bool gone =
        std::none_of(tables.begin(), tables.end(), [this](const TableSummary &t) { return t.name == m_table; });
    if (gone && !m_table.isEmpty()) { // deleted through the API: show the first table instead
        m_table.clear();
        m_pageStarts.clear();
    }
    if (m_table.isEmpty() && !tables.isEmpty())
        selectTable(tables.first().name);
    else
        showPage();
}

void TablesPane::selectTable(const QString &name)
{
    if (name == m_table && !m_pageStarts.isEmpty())
        return;
    m_table = name;
    m_pageStarts = {QString()};
    m_editor->showItem({}, {});
    for (int r = 0; r < m_tables->rowCount(); ++r)
        if (m_tables->item(r, 0)->data(Qt::UserRole).toString() == name && m_tablesView->currentIndex().row() != r)
            m_tablesView->setCurrentIndex(m_tables->index(r, 0));
    showPage();
}

void TablesPane::nextPage()
{
    if (!m_more || m_keys.isEmpty())
        return;
    m_pageStarts << m_keys.last();
    showPage();
}

void TablesPane::firstPage()
{
    m_pageStarts = {QString()};
    showPage();
}

void TablesPane::showPage()
{
    if (m_table.isEmpty() || m_pageStarts.isEmpty())
        return;
    const TablePage page = m_emulator.tableItems(m_table, m_pageStarts.last(), kPageSize);
    m_message->setText(page.error);
    m_keys = page.keysJson;
    m_itemsJson = page.itemsJson;
    m_more = page.more;
    m_items->setRowCount(static_cast<int>(page.itemsJson.size()));
    for (int r = 0; r < page.itemsJson.size(); ++r)
        setRow(m_items, r, {page.keysJson[r], json_text::preview(page.itemsJson[r], 300)});
    const int first = (static_cast<int>(m_pageStarts.size()) - 1) * kPageSize;
    m_page->setText(
        page.itemsJson.isEmpty()
            ? tr("%1: no items%2").arg(m_table, first > 0 ? tr(" after page %1").arg(first / kPageSize) : QString())
            : tr("%1: items %2–%3%4")
                  .arg(m_table)
                  .arg(first + 1)
                  .arg(first + page.itemsJson.size())
                  .arg(page.more ? tr(", more after") : QString()));
    m_next->setEnabled(page.more);
    m_first->setEnabled(m_pageStarts.size() > 1);
    // The item in the editor follows the table while it is not being edited.
    const QString shown = m_editor->pk();
    const int row = m_keys.indexOf(shown);
    if (!shown.isEmpty() && row >= 0)
        m_editor->itemChanged(shown, page.itemsJson[row]);
    m_delete->setEnabled(!shown.isEmpty());
}

void TablesPane::showItem(int row)
{
    if (row < 0 || row >= m_keys.size())
        return;
    m_editor->showItem(m_keys[row], m_itemsJson[row]);
    m_delete->setEnabled(true);
}

QString TablesPane::deleteSelected()
{
    const QString key = m_editor->pk();
    if (key.isEmpty())
        return tr("select an item first");
    const QString error = m_emulator.deleteTableItem(m_table, key);
    m_message->setText(error);
    if (error.isEmpty())
        m_editor->showItem({}, {});
    showPage();
    return error;
}

void TablesPane::clear()
{
    m_table.clear();
    m_pageStarts.clear();
    m_keys.clear();
    m_itemsJson.clear();
    m_items->setRowCount(0);
    m_tables->setRowCount(0);
    m_editor->showItem({}, {});
}

} // namespace orderlab
